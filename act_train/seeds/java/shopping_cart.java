import java.util.*;

class ShoppingCart {
    private final Map<String, Integer> quantities = new LinkedHashMap<>();
    private final Map<String, Long> prices = new HashMap<>();

    void add(String item, long priceCents, int qty) {
        if (qty <= 0 || priceCents < 0) throw new IllegalArgumentException("bad quantity or price for " + item);
        quantities.merge(item, qty, Integer::sum);
        prices.put(item, priceCents);
    }

    void remove(String item, int qty) {
        Integer have = quantities.get(item);
        if (have == null || have < qty) throw new IllegalStateException("not in cart: " + item);
        if (have == qty) quantities.remove(item); else quantities.put(item, have - qty);
    }

    long subtotal() {
        long sum = 0;
        for (Map.Entry<String, Integer> e : quantities.entrySet()) sum += prices.get(e.getKey()) * e.getValue();
        return sum;
    }

    // 10% off orders of 100.00 or more, rounded down to the cent
    long total() {
        long sub = subtotal();
        return sub >= 10000 ? sub - sub / 10 : sub;
    }

    int itemCount() {
        int n = 0;
        for (int q : quantities.values()) n += q;
        return n;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        ShoppingCart c = new ShoppingCart();
        c.add("pen", 150, 2);
        c.add("book", 2500, 1);
        c.add("pen", 150, 1);
        check(c.itemCount() == 4, "count");
        check(c.subtotal() == 2950 && c.total() == 2950, "no discount below 100.00");
        c.add("lamp", 7050, 1);
        check(c.subtotal() == 10000 && c.total() == 9000, "discount at exactly 100.00");
        c.remove("pen", 3);
        check(c.itemCount() == 2 && c.subtotal() == 9550 && c.total() == 9550, "remove all pens");
        boolean threw = false;
        try { c.remove("pen", 1); } catch (IllegalStateException e) { threw = true; }
        check(threw, "removing what is not there");
        threw = false;
        try { c.add("x", 100, 0); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "zero quantity");
        c.add("rug", 12345, 1);
        check(c.total() == 21895 - 2189, "rounding down");
    }
}
