package io.stackelgrid.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.stackelgrid.common.StackelgridException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node files become Akka settings: loopback by default, seeds as addresses, user akka keys win. */
class ClusterConfigTest {
  @Test
  void aNodeFileSetsHostPortRolesAndSeeds(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("n.conf");
    Files.writeString(f, "stackelgrid.node { port = 25600, roles = [worker, coordinator], "
        + "seed-nodes = [\"127.0.0.1:25600\", \"akka://stackelgrid@10.0.0.2:25520\"] }\n"
        + "akka.cluster.split-brain-resolver.stable-after = 3s\n");
    Config c = ClusterConfig.fromFile(f);
    assertEquals("127.0.0.1", c.getString("akka.remote.artery.canonical.hostname"), "loopback by default");
    assertEquals(25600, c.getInt("akka.remote.artery.canonical.port"));
    assertEquals(List.of("worker", "coordinator"), c.getStringList("akka.cluster.roles"));
    assertEquals(List.of("akka://stackelgrid@127.0.0.1:25600", "akka://stackelgrid@10.0.0.2:25520"),
        c.getStringList("akka.cluster.seed-nodes"));
    assertEquals("cluster", c.getString("akka.actor.provider"));
    assertEquals("keep-majority", c.getString("akka.cluster.split-brain-resolver.active-strategy"));
    assertEquals("3s", c.getString("akka.cluster.split-brain-resolver.stable-after"), "the file wins");
    assertEquals("tcp", c.getString("akka.remote.artery.transport"));
  }

  @Test
  void badFilesAreNamed(@TempDir Path tmp) throws Exception {
    StackelgridException missing = assertThrows(StackelgridException.class,
        () -> ClusterConfig.fromFile(tmp.resolve("none.conf")));
    assertTrue(missing.getMessage().contains("none.conf"), missing.getMessage());
    Path f = tmp.resolve("bad.conf");
    Files.writeString(f, "stackelgrid.node.seed-nodes = [\"just-a-host\"]\n");
    StackelgridException bad = assertThrows(StackelgridException.class, () -> ClusterConfig.fromFile(f));
    assertTrue(bad.getMessage().contains("seed-nodes"), bad.getMessage());
  }
}
