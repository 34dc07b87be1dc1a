#!/usr/bin/env bash
# Makes a cluster CA and, per node, a PKCS#12 keystore (the node's key and a certificate signed by
# that CA) and a truststore (the CA only), with the JDK's keytool. Artery's tls-tcp transport with
# require-mutual-authentication = on then admits only members holding a certificate of this CA.
#
#   deploy/tls/make-certs.sh [-o DIR] [-p PASSWORD] [--days N] NODE [NODE...]
#
# NODE is a host name or IP address; it becomes the certificate's CN and subject alternative name.
# Output: DIR/ca.p12 (keep it off the nodes), DIR/ca.crt, DIR/truststore.p12, DIR/NODE.p12.
# The password protects every store (default: $STACKELGRID_TLS_PASSWORD, else "changeit").
set -euo pipefail

out="tls-out"
password="${STACKELGRID_TLS_PASSWORD:-changeit}"
validity_days=825
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    -p) password="$2"; shift 2 ;;
    --days) validity_days="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "make-certs.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "make-certs.sh: name at least one node (host name or IP address)" >&2
  exit 2
fi
keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"
command -v "$keytool" >/dev/null || { echo "make-certs.sh: keytool not found (set JAVA_HOME)" >&2; exit 2; }
mkdir -p "$out"
# Store passwords go through the environment, not the command line (ps shows arguments).
export STACKELGRID_STORE_PASS="$password"
kt() { "$keytool" -storepass:env STACKELGRID_STORE_PASS -keypass:env STACKELGRID_STORE_PASS "$@"; }

# RSA keys: Akka's default TLS cipher suites are TLS_*_RSA_WITH_AES_256_GCM_SHA384.
if [ ! -f "$out/ca.p12" ]; then
  kt -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity "$validity_days" \
    -dname "CN=stackelgrid-cluster-ca" -ext bc:c -keystore "$out/ca.p12" -storetype PKCS12 2>/dev/null
fi
kt -exportcert -rfc -alias ca -keystore "$out/ca.p12" -file "$out/ca.crt" 2>/dev/null
rm -f "$out/truststore.p12"
kt -importcert -noprompt -alias ca -file "$out/ca.crt" -keystore "$out/truststore.p12" -storetype PKCS12 2>/dev/null

for node in "$@"; do
  if [[ "$node" =~ ^[0-9.]+$ || "$node" == *:* ]]; then san="ip:$node"; else san="dns:$node"; fi
  ks="$out/$node.p12"
  rm -f "$ks"
  kt -genkeypair -alias node -keyalg RSA -keysize 2048 -validity "$validity_days" \
    -dname "CN=$node" -ext "san=$san" -keystore "$ks" -storetype PKCS12 2>/dev/null
  kt -certreq -alias node -keystore "$ks" -file "$out/$node.csr" 2>/dev/null
  kt -gencert -alias ca -keystore "$out/ca.p12" -infile "$out/$node.csr" -outfile "$out/$node.crt" \
    -validity "$validity_days" -ext "san=$san" -ext ku:c=digitalSignature,keyEncipherment \
    -ext eku=serverAuth,clientAuth -rfc 2>/dev/null
  # The chain (CA, then the node's signed certificate) replaces the self-signed one.
  kt -importcert -noprompt -alias ca -file "$out/ca.crt" -keystore "$ks" 2>/dev/null
  kt -importcert -noprompt -alias node -file "$out/$node.crt" -keystore "$ks" 2>/dev/null
  rm -f "$out/$node.csr"
  echo "make-certs.sh: $ks (CN=$node, $san)"
done
chmod 600 "$out"/*.p12
echo "make-certs.sh: truststore $out/truststore.p12; keep $out/ca.p12 off the nodes"
