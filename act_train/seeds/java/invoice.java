import java.util.*;

class Invoice {
    private final List<String> descriptions = new ArrayList<>();
    private final List<Long> amounts = new ArrayList<>();
    private final int taxPercent;

    Invoice(int taxPercent) {
        if (taxPercent < 0 || taxPercent > 50) throw new IllegalArgumentException("tax must be 0..50%");
        this.taxPercent = taxPercent;
    }

    void addLine(String description, int quantity, long unitCents) {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
        descriptions.add(description);
        amounts.add(quantity * unitCents);
    }

    long net() {
        long sum = 0;
        for (long a : amounts) sum += a;
        return sum;
    }

    // tax rounded half up to the cent
    long tax() { return (net() * taxPercent + 50) / 100; }

    long gross() { return net() + tax(); }

    String largestLine() {
        if (amounts.isEmpty()) return "";
        int best = 0;
        for (int i = 1; i < amounts.size(); i++) if (amounts.get(i) > amounts.get(best)) best = i;
        return descriptions.get(best);
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        Invoice inv = new Invoice(19);
        check(inv.net() == 0 && inv.largestLine().equals(""), "empty");
        inv.addLine("hours", 3, 4500);
        inv.addLine("travel", 1, 1250);
        inv.addLine("material", 2, 7000);
        check(inv.net() == 28750 && inv.tax() == 5463 && inv.gross() == 34213, "totals");
        check(inv.largestLine().equals("material"), "largest");
        Invoice half = new Invoice(10);
        half.addLine("x", 1, 5);
        check(half.tax() == 1 && half.gross() == 6, "half cent rounds up");
        half.addLine("y", 1, 5);
        check(half.largestLine().equals("x"), "ties keep the first");
        int errors = 0;
        try { new Invoice(51); } catch (IllegalArgumentException e) { errors++; }
        try { inv.addLine("z", 0, 1); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 2 && new Invoice(0).gross() == 0, "errors");
    }
}
