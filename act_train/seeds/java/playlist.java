import java.util.*;

class Playlist {
    private final List<String> titles = new ArrayList<>();
    private final List<Integer> seconds = new ArrayList<>();
    private int cursor = -1;

    void add(String title, int lengthSeconds) {
        if (lengthSeconds <= 0) throw new IllegalArgumentException("length must be positive");
        if (titles.contains(title)) throw new IllegalStateException("duplicate title " + title);
        titles.add(title);
        seconds.add(lengthSeconds);
    }

    // the next title, wrapping around at the end
    String next() {
        if (titles.isEmpty()) throw new IllegalStateException("empty playlist");
        cursor = (cursor + 1) % titles.size();
        return titles.get(cursor);
    }

    boolean remove(String title) {
        int i = titles.indexOf(title);
        if (i < 0) return false;
        titles.remove(i);
        seconds.remove(i);
        if (i <= cursor) cursor--;
        return true;
    }

    // "m:ss" of the whole list
    String totalLength() {
        int sum = 0;
        for (int s : seconds) sum += s;
        return sum / 60 + ":" + (sum % 60 < 10 ? "0" : "") + sum % 60;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        Playlist p = new Playlist();
        check(p.totalLength().equals("0:00"), "empty length");
        p.add("intro", 65); p.add("song", 200); p.add("outro", 5);
        check(p.totalLength().equals("4:30"), "total");
        check(p.next().equals("intro") && p.next().equals("song") && p.next().equals("outro"), "order");
        check(p.next().equals("intro"), "wraps");
        check(p.remove("intro") && !p.remove("intro") && p.next().equals("song"), "remove before cursor");
        p.add("bonus", 9);
        check(p.totalLength().equals("3:34"), "zero padded seconds");
        int errors = 0;
        try { p.add("song", 3); } catch (IllegalStateException e) { errors++; }
        try { p.add("x", 0); } catch (IllegalArgumentException e) { errors++; }
        try { new Playlist().next(); } catch (IllegalStateException e) { errors++; }
        check(errors == 3, "errors");
    }
}
