package dev.orch.stdlib.provider.limit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Money as Orch shows it: four decimals ("$0.0012"), and for a nonzero amount too small for them two significant
 * digits ("$0.000011"), so a cheap call never reads as free.
 */
public final class Dollars {
    private Dollars() {}

    public static String show(double amount) {
        if (amount == 0 || Math.abs(amount) >= 0.00005) return String.format(Locale.ROOT, "$%.4f", amount);
        return "$" + new BigDecimal(amount).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
