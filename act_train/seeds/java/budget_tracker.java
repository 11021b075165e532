import java.util.*;

class Budget {
    private final long limitCents;
    private final Map<String, Long> spent = new TreeMap<>();
    private long total;

    Budget(long limitCents) {
        if (limitCents <= 0) throw new IllegalArgumentException("limit must be positive");
        this.limitCents = limitCents;
    }

    // records the expense; returns false (and records nothing) when it would exceed the limit
    boolean spend(String category, long cents) {
        if (cents <= 0) throw new IllegalArgumentException("amount must be positive");
        if (total + cents > limitCents) return false;
        spent.merge(category, cents, Long::sum);
        total += cents;
        return true;
    }

    long remaining() { return limitCents - total; }

    int percentUsed() { return (int) (total * 100 / limitCents); }

    String topCategory() {
        String best = "";
        long most = 0;
        for (Map.Entry<String, Long> e : spent.entrySet()) {
            if (e.getValue() > most) { most = e.getValue(); best = e.getKey(); }
        }
        return best;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        Budget b = new Budget(10000);
        check(b.topCategory().equals("") && b.percentUsed() == 0, "empty");
        check(b.spend("food", 2500) && b.spend("rent", 6000) && b.spend("food", 1000), "spend");
        check(b.remaining() == 500 && b.percentUsed() == 95 && b.topCategory().equals("rent"), "state");
        check(!b.spend("fun", 501) && b.remaining() == 500, "over the limit refused");
        check(b.spend("fun", 500) && b.remaining() == 0 && b.percentUsed() == 100, "exactly the limit");
        Budget t = new Budget(300);
        t.spend("b", 100); t.spend("a", 100);
        check(t.topCategory().equals("a"), "tie: first in name order");
        int errors = 0;
        try { new Budget(0); } catch (IllegalArgumentException e) { errors++; }
        try { t.spend("x", 0); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 2, "errors");
    }
}
