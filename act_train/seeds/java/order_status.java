import java.util.*;

class InvalidTransitionException extends Exception {
    InvalidTransitionException(String from, String to) { super("cannot go from " + from + " to " + to); }
}

class Order {
    private String status = "new";
    private final List<String> history = new ArrayList<>();

    // new -> paid -> shipped -> delivered; new or paid -> cancelled
    void moveTo(String next) throws InvalidTransitionException {
        boolean ok;
        switch (status) {
            case "new": ok = next.equals("paid") || next.equals("cancelled"); break;
            case "paid": ok = next.equals("shipped") || next.equals("cancelled"); break;
            case "shipped": ok = next.equals("delivered"); break;
            default: ok = false;
        }
        if (!ok) throw new InvalidTransitionException(status, next);
        history.add(status);
        status = next;
    }

    String status() { return status; }

    int steps() { return history.size(); }

    boolean isFinal() { return status.equals("delivered") || status.equals("cancelled"); }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) throws Exception {
        Order o = new Order();
        o.moveTo("paid"); o.moveTo("shipped");
        check(o.status().equals("shipped") && o.steps() == 2 && !o.isFinal(), "forward");
        String msg = "";
        try { o.moveTo("cancelled"); } catch (InvalidTransitionException e) { msg = e.getMessage(); }
        check(msg.equals("cannot go from shipped to cancelled") && o.status().equals("shipped"), "refused");
        o.moveTo("delivered");
        check(o.isFinal() && o.steps() == 3, "delivered");
        Order c = new Order();
        c.moveTo("cancelled");
        check(c.isFinal() && c.steps() == 1, "cancel new");
        int errors = 0;
        try { c.moveTo("paid"); } catch (InvalidTransitionException e) { errors++; }
        try { new Order().moveTo("shipped"); } catch (InvalidTransitionException e) { errors++; }
        check(errors == 2, "errors");
    }
}
