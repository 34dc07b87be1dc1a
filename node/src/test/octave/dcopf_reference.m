% Independent reference for stackelgrid's DC-OPF: MATPOWER's DC model (B-theta form, as
% rundcopf builds it: susceptance 1/(x*tap), phase shifts as injections, Gs as load, rateA 0
% unlimited, angle-difference limits, out-of-service elements dropped) solved with GNU Octave's
% own qp(). Writes one text file per case: objective, then "gen <row> <MW>", "lmp <bus> <$/MWh>".
% Usage: octave --no-gui --quiet dcopf_reference.m <casefile.m> <out.txt>
args = argv();
casefile = args{1}; outfile = args{2};
[d, name] = fileparts(casefile);
addpath(d);
mpc = feval(name);
base = mpc.baseMVA;
bus = mpc.bus; gen = mpc.gen; br = mpc.branch; gc = mpc.gencost;
bus = bus(bus(:, 2) ~= 4, :);
nb = rows(bus);
idx = containers.Map('KeyType', 'double', 'ValueType', 'double');
for i = 1:nb
  idx(bus(i, 1)) = i;
end
genrows = find(gen(:, 8) > 0);
gen = gen(genrows, :); gc = gc(genrows, :);
brrows = find(br(:, 11) > 0);
br = br(brrows, :);
ng = rows(gen); nl = rows(br);
f = zeros(nl, 1); t = zeros(nl, 1);
for l = 1:nl
  f(l) = idx(br(l, 1)); t(l) = idx(br(l, 2));
end
tap = br(:, 9); tap(tap == 0) = 1;
b = 1 ./ (br(:, 4) .* tap);
shift = br(:, 10) * pi / 180;
Bf = sparse([1:nl, 1:nl], [f; t], [b; -b], nl, nb);
Cft = sparse([1:nl, 1:nl], [f; t], [ones(nl, 1); -ones(nl, 1)], nl, nb);
Bbus = Cft' * Bf;
Pfinj = -b .* shift;
Pbusinj = Cft' * Pfinj;
Cg = sparse(arrayfun(@(k) idx(k), gen(:, 1)), 1:ng, 1, nb, ng);
load = bus(:, 3) + bus(:, 5);
ref = find(bus(:, 2) == 3, 1);
% variables [theta (nb); Pg in MW (ng)]
nv = nb + ng;
c2 = zeros(ng, 1); c1 = zeros(ng, 1); c0 = zeros(ng, 1);
for g = 1:ng
  n = gc(g, 4); c = gc(g, 5:4+n);
  cc = [zeros(1, 3 - n), c];
  c2(g) = cc(1); c1(g) = cc(2); c0(g) = cc(3);
end
H = blkdiag(sparse(nb, nb), spdiags(2 * c2, 0, ng, ng));
q = [zeros(nb, 1); c1];
% nodal balance, scaled by 1/base: Bbus*theta - Cg*Pg/base = -(load)/base - Pbusinj
Aeq = [Bbus, -Cg / base; sparse(1, ref, 1, 1, nb), sparse(1, ng)];
beq = [-load / base - Pbusinj; 0];
lb = [-2 * pi * ones(nb, 1); gen(:, 10)];
ub = [2 * pi * ones(nb, 1); gen(:, 9)];
% flow limits and angle limits as A_lb <= A_in z <= A_ub
rate = br(:, 6);
il = find(rate > 0);
Ain = [base * Bf(il, :), sparse(numel(il), ng)];
Alb = -rate(il) - base * Pfinj(il);
Aub = rate(il) - base * Pfinj(il);
amin = br(:, 12); amax = br(:, 13);
ia = find((amin ~= 0 & amin > -360) | (amax ~= 0 & amax < 360));
if ~isempty(ia)
  lo = -Inf(numel(ia), 1); hi = Inf(numel(ia), 1);
  k = amin(ia) ~= 0 & amin(ia) > -360; lo(k) = amin(ia(k)) * pi / 180;
  k = amax(ia) ~= 0 & amax(ia) < 360; hi(k) = amax(ia(k)) * pi / 180;
  Ain = [Ain; sparse([1:numel(ia), 1:numel(ia)], [f(ia); t(ia)], [ones(numel(ia), 1); -ones(numel(ia), 1)], numel(ia), nv)];
  Alb = [Alb; lo]; Aub = [Aub; hi];
end
x0 = [zeros(nb, 1); min(max(0, gen(:, 10)), gen(:, 9))];
opts = optimset('MaxIter', 100000);
[z, obj, info, lambda] = qp(x0, full(H), q, full(Aeq), beq, lb, ub, Alb, full(Ain), Aub, opts);
if info.info ~= 0
  error('qp failed on %s: info %d', name, info.info);
end
pg = z(nb+1:end);
objective = sum(c2 .* pg.^2 + c1 .* pg + c0);
% The multipliers of the nodal balance rows, per MW of load at each bus.
lmp = -lambda(1:nb) / base;
% Fix the sign of Octave's multipliers by a central difference of the optimum at one bus.
probe = find(load > 0, 1);
h = 1e-3;
bp = beq; bp(probe) = bp(probe) - h / base;
bm = beq; bm(probe) = bm(probe) + h / base;
[zp] = qp(z, full(H), q, full(Aeq), bp, lb, ub, Alb, full(Ain), Aub, opts);
[zm] = qp(z, full(H), q, full(Aeq), bm, lb, ub, Alb, full(Ain), Aub, opts);
cost = @(zz) sum(c2 .* zz(nb+1:end).^2 + c1 .* zz(nb+1:end) + c0);
fd = (cost(zp) - cost(zm)) / (2 * h);
if abs(fd + lmp(probe)) < abs(fd - lmp(probe))
  lmp = -lmp;
end
printf('%s: objective %.6f, LMP at bus %d: dual %.6f, central difference %.6f\n', name, objective, bus(probe, 1), lmp(probe), fd);
fid = fopen(outfile, 'w');
fprintf(fid, 'objective %.10f\n', objective);
for g = 1:ng
  fprintf(fid, 'gen %d %.10f\n', genrows(g), pg(g));
end
for i = 1:nb
  fprintf(fid, 'lmp %d %.10f\n', bus(i, 1), lmp(i));
end
fclose(fid);
