import java.util.*;

class Elevator {
    private final int floors;
    private final TreeSet<Integer> requests = new TreeSet<>();
    private int current;
    private int moved;

    Elevator(int floors) {
        if (floors < 2) throw new IllegalArgumentException("need at least two floors");
        this.floors = floors;
    }

    void request(int floor) {
        if (floor < 0 || floor >= floors) throw new IllegalArgumentException("no floor " + floor);
        if (floor != current) requests.add(floor);
    }

    // one step towards the nearest request (the lower one on a tie); returns the floor reached
    int step() {
        if (requests.isEmpty()) return current;
        Integer below = requests.floor(current), above = requests.ceiling(current);
        int target;
        if (below == null) target = above;
        else if (above == null) target = below;
        else target = current - below <= above - current ? below : above;
        current += target > current ? 1 : -1;
        moved++;
        requests.remove(current);
        return current;
    }

    int current() { return current; }

    int pending() { return requests.size(); }

    int moved() { return moved; }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        Elevator e = new Elevator(10);
        check(e.step() == 0 && e.moved() == 0, "idle");
        e.request(3); e.request(0);
        check(e.pending() == 1, "current floor is not a request");
        check(e.step() == 1 && e.step() == 2 && e.step() == 3 && e.pending() == 0, "go up");
        e.request(1); e.request(5);
        check(e.step() == 2 && e.step() == 1, "nearest first, lower on a tie");
        check(e.step() == 2 && e.step() == 3 && e.step() == 4 && e.step() == 5 && e.moved() == 9, "then up");
        int errors = 0;
        try { e.request(10); } catch (IllegalArgumentException x) { errors++; }
        try { e.request(-1); } catch (IllegalArgumentException x) { errors++; }
        try { new Elevator(1); } catch (IllegalArgumentException x) { errors++; }
        check(errors == 3, "errors");
    }
}
