import java.util.*;

class ParkingLot {
    private final int spaces;
    private final Map<String, Integer> arrivals = new HashMap<>();
    private long revenueCents;

    ParkingLot(int spaces) {
        if (spaces <= 0) throw new IllegalArgumentException("a lot needs spaces");
        this.spaces = spaces;
    }

    boolean enter(String plate, int minute) {
        if (arrivals.containsKey(plate)) throw new IllegalStateException(plate + " is already parked");
        if (arrivals.size() >= spaces) return false;
        arrivals.put(plate, minute);
        return true;
    }

    // first 30 minutes free, then 150 cents per started hour
    long leave(String plate, int minute) {
        Integer in = arrivals.remove(plate);
        if (in == null) throw new IllegalStateException(plate + " is not parked");
        int stayed = minute - in;
        if (stayed < 0) throw new IllegalArgumentException("left before arriving");
        long fee = stayed <= 30 ? 0 : (stayed + 59) / 60 * 150L;
        revenueCents += fee;
        return fee;
    }

    int free() { return spaces - arrivals.size(); }

    long revenue() { return revenueCents; }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        ParkingLot lot = new ParkingLot(2);
        check(lot.enter("A1", 0) && lot.enter("B2", 10) && !lot.enter("C3", 20), "full lot");
        check(lot.free() == 0, "no space");
        check(lot.leave("A1", 30) == 0 && lot.free() == 1, "free half hour");
        check(lot.leave("B2", 41) == 150, "31 minutes is one started hour");
        lot.enter("C3", 0);
        check(lot.leave("C3", 121) == 450 && lot.revenue() == 600, "three started hours");
        int errors = 0;
        lot.enter("D4", 50);
        try { lot.enter("D4", 60); } catch (IllegalStateException e) { errors++; }
        try { lot.leave("ZZ", 60); } catch (IllegalStateException e) { errors++; }
        try { lot.leave("D4", 40); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 3, "errors");
    }
}
