package io.stackelgrid.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void csvNumbersHaveAtMostSixDecimalsAndNoTrailingZeros() {
    assertEquals("7.25", Numbers.csv(7.25));
    assertEquals("120", Numbers.csv(120.0));
    assertEquals("-0.000001", Numbers.csv(-1e-6));
    assertEquals("0", Numbers.csv(-0.0));
    assertEquals("0", Numbers.csv(4e-7));
    assertEquals("0.333333", Numbers.csv(1.0 / 3));
    assertEquals("-1234.5", Numbers.csv(-1234.5));
    assertEquals("nan", Numbers.csv(Double.NaN));
  }

  @Test
  void jsonNumbersHaveTenSignificantDigits() {
    assertEquals("0.3", Numbers.json(0.1 + 0.2).toPlainString());
    assertEquals("0.3333333333", Numbers.json(1.0 / 3).toPlainString());
    assertEquals("0", Numbers.json(0.0).toPlainString());
  }
}
