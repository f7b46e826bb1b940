package dev.orch.stdlib.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DollarsTest {
    @Test
    void aCheapCallIsShownWithItsSignificantDigitsNotAsFree() {
        assertThat(Dollars.show(0.000011)).isEqualTo("$0.000011");
        assertThat(Dollars.show(0.0000123)).isEqualTo("$0.000012");
    }

    @Test
    void ordinaryAmountsKeepFourDecimalsAndNothingIsZero() {
        assertThat(Dollars.show(0.0012)).isEqualTo("$0.0012");
        assertThat(Dollars.show(1.5)).isEqualTo("$1.5000");
        assertThat(Dollars.show(0)).isEqualTo("$0.0000");
    }
}
