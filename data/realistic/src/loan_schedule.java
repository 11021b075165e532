import java.util.ArrayList;
import java.util.List;

/** Fixed-payment loan schedule in integer cents (monthly interest in basis points). */
class LoanSchedule {
    private final long principalCents;
    private final int monthlyRateBps;
    private final int months;
    private long paidCents;
    private int paymentsMade;

    LoanSchedule(long principalCents, int monthlyRateBps, int months) {
        if (principalCents <= 0) throw new IllegalArgumentException("principal must be positive");
        if (monthlyRateBps < 0 || months <= 0) throw new IllegalArgumentException("bad rate or term");
        this.principalCents = principalCents;
        this.monthlyRateBps = monthlyRateBps;
        this.months = months;
    }

    /** Interest owed this month on what is still outstanding, rounded down to a cent. */
    long interestDue() {
        return outstanding() * monthlyRateBps / 10000;
    }

    long outstanding() {
        return principalCents - paidCents;
    }

    /** The same principal share every month; the last payment takes whatever is left. */
    long principalShare() {
        if (paymentsMade == months - 1) return outstanding();
        return principalCents / months;
    }

    long pay() {
        if (paymentsMade >= months) throw new IllegalStateException("loan already repaid");
        long share = principalShare();
        long total = share + interestDue();
        paidCents += share;
        paymentsMade++;
        return total;
    }

    int remainingPayments() {
        return months - paymentsMade;
    }

    boolean isRepaid() {
        return paymentsMade == months;
    }

    List<Long> preview(int count) {
        List<Long> totals = new ArrayList<>();
        long left = outstanding();
        int made = paymentsMade;
        for (int i = 0; i < count && made < months; i++, made++) {
            long share = made == months - 1 ? left : principalCents / months;
            totals.add(share + left * monthlyRateBps / 10000);
            left -= share;
        }
        return totals;
    }
}
