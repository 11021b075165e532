class Interest {
    // balance after `years` of yearly compounding, rounded to cents
    static long compound(long principalCents, double ratePercent, int years) {
        if (principalCents < 0 || years < 0) throw new IllegalArgumentException("negative input");
        double balance = principalCents;
        for (int y = 0; y < years; y++) balance *= 1 + ratePercent / 100.0;
        return Math.round(balance);
    }

    // smallest number of years for the balance to at least double; -1 if the rate is not positive
    static int yearsToDouble(double ratePercent) {
        if (ratePercent <= 0) return -1;
        double factor = 1.0;
        int years = 0;
        while (factor < 2.0) {
            factor *= 1 + ratePercent / 100.0;
            years++;
        }
        return years;
    }

    static long monthlyPayment(long principalCents, int months) {
        if (months <= 0) throw new IllegalArgumentException("months must be positive");
        return (principalCents + months - 1) / months;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(Interest.compound(100000, 5, 2) == 110250 && Interest.compound(100000, 5, 0) == 100000, "compound");
        check(Interest.compound(999, 10, 1) == 1099, "rounding");
        check(Interest.yearsToDouble(7) == 11 && Interest.yearsToDouble(100) == 1 && Interest.yearsToDouble(0) == -1,
              "doubling");
        check(Interest.monthlyPayment(1000, 3) == 334 && Interest.monthlyPayment(900, 3) == 300, "payments");
        int errors = 0;
        try { Interest.compound(-1, 5, 1); } catch (IllegalArgumentException e) { errors++; }
        try { Interest.monthlyPayment(5, 0); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 2, "errors");
    }
}
