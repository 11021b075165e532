import java.util.*;

class SeatMap {
    private final int rows, perRow;
    private final Set<String> taken = new TreeSet<>();

    SeatMap(int rows, int perRow) {
        if (rows <= 0 || perRow <= 0 || perRow > 26) throw new IllegalArgumentException("bad layout");
        this.rows = rows;
        this.perRow = perRow;
    }

    // seat names like "12C": row number from 1, letter from A
    boolean book(String seat) {
        int row;
        try {
            row = Integer.parseInt(seat.substring(0, seat.length() - 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad seat " + seat);
        }
        int col = seat.charAt(seat.length() - 1) - 'A';
        if (row < 1 || row > rows || col < 0 || col >= perRow) throw new IllegalArgumentException("no seat " + seat);
        return taken.add(seat);
    }

    // first free seat in row order, "" when full
    String firstFree() {
        for (int r = 1; r <= rows; r++)
            for (int c = 0; c < perRow; c++) {
                String s = r + String.valueOf((char) ('A' + c));
                if (!taken.contains(s)) return s;
            }
        return "";
    }

    int free() { return rows * perRow - taken.size(); }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        SeatMap m = new SeatMap(2, 2);
        check(m.firstFree().equals("1A") && m.free() == 4, "empty");
        check(m.book("1A") && !m.book("1A") && m.book("1B"), "booking");
        check(m.firstFree().equals("2A") && m.free() == 2, "next row");
        m.book("2A"); m.book("2B");
        check(m.firstFree().equals("") && m.free() == 0, "full");
        int errors = 0;
        for (String bad : new String[] {"3A", "1C", "0A", "A", "xB"}) {
            try { m.book(bad); } catch (IllegalArgumentException e) { errors++; }
        }
        check(errors == 5, "errors " + errors);
    }
}
