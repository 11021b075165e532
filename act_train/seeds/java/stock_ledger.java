import java.util.*;

class OutOfStockException extends Exception {
    OutOfStockException(String sku, int missing) { super(sku + " short by " + missing); }
}

class StockLedger {
    private final Map<String, Integer> onHand = new TreeMap<>();
    private int movements;

    void receive(String sku, int qty) {
        if (qty <= 0) throw new IllegalArgumentException("qty must be positive");
        onHand.merge(sku, qty, Integer::sum);
        movements++;
    }

    void ship(String sku, int qty) throws OutOfStockException {
        int have = onHand.getOrDefault(sku, 0);
        if (qty > have) throw new OutOfStockException(sku, qty - have);
        onHand.put(sku, have - qty);
        movements++;
    }

    int onHand(String sku) { return onHand.getOrDefault(sku, 0); }

    List<String> below(int minimum) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : onHand.entrySet()) if (e.getValue() < minimum) out.add(e.getKey());
        return out;
    }

    int movements() { return movements; }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) throws Exception {
        StockLedger l = new StockLedger();
        l.receive("bolt", 10); l.receive("nut", 3); l.receive("bolt", 5);
        check(l.onHand("bolt") == 15 && l.onHand("washer") == 0, "on hand");
        l.ship("bolt", 15);
        check(l.onHand("bolt") == 0 && l.movements() == 4, "ship all");
        String msg = "";
        try { l.ship("nut", 5); } catch (OutOfStockException e) { msg = e.getMessage(); }
        check(msg.equals("nut short by 2") && l.onHand("nut") == 3, "short shipment refused");
        check(l.below(4).equals(java.util.List.of("bolt", "nut")) && l.below(3).equals(java.util.List.of("bolt")),
              "below, sorted");
        boolean threw = false;
        try { l.receive("x", 0); } catch (IllegalArgumentException e) { threw = true; }
        check(threw && l.movements() == 4, "bad receive");
    }
}
