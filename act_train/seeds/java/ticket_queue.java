import java.util.*;

class TicketQueue {
    private final Deque<String> waiting = new ArrayDeque<>();
    private int served;

    void join(String name) {
        if (waiting.contains(name)) throw new IllegalStateException(name + " is already waiting");
        waiting.addLast(name);
    }

    String serve() {
        if (waiting.isEmpty()) throw new IllegalStateException("nobody is waiting");
        served++;
        return waiting.removeFirst();
    }

    // 1-based position, 0 when not waiting
    int position(String name) {
        int i = 1;
        for (String n : waiting) {
            if (n.equals(name)) return i;
            i++;
        }
        return 0;
    }

    boolean leave(String name) { return waiting.remove(name); }

    // minutes until `name` is served, -1 when not waiting
    int estimatedWait(String name, int minutesPerPerson) {
        int pos = position(name);
        return pos == 0 ? -1 : (pos - 1) * minutesPerPerson;
    }

    int served() { return served; }

    int waiting() { return waiting.size(); }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        TicketQueue q = new TicketQueue();
        q.join("ann"); q.join("bob"); q.join("cy");
        check(q.position("cy") == 3 && q.position("zed") == 0, "positions");
        check(q.estimatedWait("ann", 4) == 0 && q.estimatedWait("cy", 4) == 8 && q.estimatedWait("zed", 4) == -1,
              "waits");
        check(q.serve().equals("ann") && q.position("cy") == 2, "first served");
        check(q.leave("bob") && !q.leave("bob") && q.waiting() == 1, "leave");
        boolean threw = false;
        try { q.join("cy"); } catch (IllegalStateException e) { threw = true; }
        check(threw, "no double join");
        check(q.serve().equals("cy") && q.served() == 2, "served count");
        threw = false;
        try { q.serve(); } catch (IllegalStateException e) { threw = true; }
        check(threw && q.served() == 2, "empty queue");
    }
}
