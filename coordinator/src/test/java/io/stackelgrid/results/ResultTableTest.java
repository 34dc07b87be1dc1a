package io.stackelgrid.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stackelgrid.common.StackelgridException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result CSV is read whole or refused naming file and line: a line cut short, a value that is not a
 * number, and, against the days the run recorded, a missing step, bus row or period. The tables here
 * are written by hand: 2 days of 2 steps, 2 buses, 2 worlds (16 rows); 2 periods of 1 day, 2 groups.
 */
class ResultTableTest {
  private static String steps(int days) {
    StringBuilder b = new StringBuilder("scenario,step,day,hour,bus,lmp_usd_per_mwh\n");
    for (int t = 0; t < days * 2; t++) {
      for (String world : new String[] {"learning", "baseline"}) {
        for (String bus : new String[] {"b1", "b2"}) {
          b.append(world).append(',').append(t).append(',').append(t / 2).append(',').append(t % 2).append(',')
              .append(bus).append(",1.5\n");
        }
      }
    }
    return b.toString();
  }

  private static final String PERIODS = "scenario,period,days,group,eei_pct\n"
      + "learning,0,1,g1,2\nlearning,0,1,g2,3\nbaseline,0,1,g1,2\nbaseline,0,1,g2,nan\n"
      + "learning,1,1,g1,2\nlearning,1,1,g2,3\nbaseline,1,1,g1,2\nbaseline,1,1,g2,inf\n";

  private static String refusal(Path file, Runnable check) {
    return assertThrows(StackelgridException.class, check::run).getMessage();
  }

  @Test
  void wholeFilesOfTheRecordedDaysPass(@TempDir Path tmp) throws Exception {
    ResultTable s = ResultTable.read(Files.writeString(tmp.resolve("steps.csv"), steps(2)));
    s.requireWholeSteps(2, 2, "run.json");
    assertEquals(16, s.rows().size());
    ResultTable p = ResultTable.read(Files.writeString(tmp.resolve("periods.csv"), PERIODS));
    p.requireWholePeriods(2, "run.json");
    assertTrue(Double.isInfinite(ResultTable.number(p.rows().get(7)[4])));
  }

  @Test
  void aLastLineCutShortIsRefusedNamingItsLine(@TempDir Path tmp) throws Exception {
    String whole = steps(2);
    Path f = Files.writeString(tmp.resolve("steps.csv"), whole.substring(0, whole.length() - 3));
    String m = refusal(f, () -> ResultTable.read(f));
    assertEquals(f + ":17: the last line is cut short (no line end): truncated or damaged: rerun or resume the run "
        + "that wrote it", m);
  }

  @Test
  void aFileCutAtALineEndIsRefusedByItsCountOfSteps(@TempDir Path tmp) throws Exception {
    // One whole day missing: every line complete, so only the recorded days can tell.
    Path f = Files.writeString(tmp.resolve("steps.csv"), steps(1));
    ResultTable t = ResultTable.read(f);
    String m = refusal(f, () -> t.requireWholeSteps(2, 2, "run.json"));
    assertTrue(m.startsWith(f + ":9: 2 steps of the learning world") && m.contains("but 2 days (run.json) of 2 steps are 4"), m);
  }

  @Test
  void aStepMissingABusIsRefused(@TempDir Path tmp) throws Exception {
    String whole = steps(2);
    String cut = whole.substring(0, whole.lastIndexOf("baseline,3,1,1,b2"));
    Path f = Files.writeString(tmp.resolve("steps.csv"), cut);
    ResultTable t = ResultTable.read(f);
    String m = refusal(f, () -> t.requireWholeSteps(2, 2, "run.json"));
    assertTrue(m.startsWith(f + ":16: a step with 1 rows where every step has 2 (one per bus)"), m);
  }

  @Test
  void aStepOutOfOrderOrOnTheWrongDayIsRefused(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("steps.csv"), steps(2).replace("learning,2,1,0,b1", "learning,3,1,0,b1"));
    ResultTable t = ResultTable.read(f);
    assertTrue(refusal(f, () -> t.requireWholeSteps(2, 2, "run.json")).startsWith(f + ":10: step 3 where step 2"));
    // Steps of a 2-step day read as if the day had 4 steps: hour and day do not match.
    ResultTable whole = ResultTable.read(Files.writeString(tmp.resolve("whole.csv"), steps(2)));
    String m = refusal(f, () -> whole.requireWholeSteps(1, 4, "summary.json"));
    assertTrue(m.contains(":10: step 2 is not day 0, hour 2 of a 4-step day"), m);
  }

  @Test
  void aValueThatIsNotANumberIsRefusedNamingLineAndColumn(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("steps.csv"), steps(2).replaceFirst("1\\.5\n", "1.5x\n"));
    String m = refusal(f, () -> ResultTable.read(f));
    assertTrue(m.startsWith(f + ":2: column lmp_usd_per_mwh: '1.5x' is not a number"), m);
    Path g = Files.writeString(tmp.resolve("short.csv"), steps(2).replaceFirst(",b1,1.5\n", ",b1\n"));
    assertTrue(refusal(g, () -> ResultTable.read(g)).startsWith(g + ":2: 5 values for 6 columns"));
  }

  @Test
  void periodsThatDoNotCoverTheDaysAreRefused(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("periods.csv"), PERIODS.substring(0, PERIODS.indexOf("learning,1")));
    ResultTable t = ResultTable.read(f);
    String m = refusal(f, () -> t.requireWholePeriods(2, "run.json"));
    assertTrue(m.startsWith(f + ":5: the periods of the learning world") && m.contains(" cover 1 days, but the run has 2 (run.json)"),
        m);
    Path g = Files.writeString(tmp.resolve("groups.csv"), PERIODS.replace("baseline,1,1,g2,inf\n", ""));
    ResultTable u = ResultTable.read(g);
    assertTrue(refusal(g, () -> u.requireWholePeriods(2, "run.json")).startsWith(g + ":8: a period with 1 rows"));
  }

  @Test
  void anEmptyOrBinaryFileIsRefused(@TempDir Path tmp) throws Exception {
    Path empty = Files.writeString(tmp.resolve("steps.csv"), "");
    assertTrue(refusal(empty, () -> ResultTable.read(empty)).contains("is empty"));
    Path binary = Files.write(tmp.resolve("periods.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
    assertTrue(refusal(binary, () -> ResultTable.read(binary)).contains("not a text file"));
  }
}
