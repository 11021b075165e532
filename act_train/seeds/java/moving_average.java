import java.util.*;

class MovingAverage {
    private final int window;
    private final Deque<Integer> values = new ArrayDeque<>();
    private long sum;

    MovingAverage(int window) {
        if (window <= 0) throw new IllegalArgumentException("window must be positive");
        this.window = window;
    }

    double add(int value) {
        values.addLast(value);
        sum += value;
        if (values.size() > window) sum -= values.removeFirst();
        return (double) sum / values.size();
    }

    static List<Double> smooth(int[] xs, int window) {
        MovingAverage m = new MovingAverage(window);
        List<Double> out = new ArrayList<>();
        for (int x : xs) out.add(m.add(x));
        return out;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        List<Double> s = MovingAverage.smooth(new int[] {2, 4, 6, 8}, 2);
        check(s.equals(Arrays.asList(2.0, 3.0, 5.0, 7.0)), "window 2: " + s);
        check(MovingAverage.smooth(new int[] {5}, 3).get(0) == 5.0, "single value");
        MovingAverage m = new MovingAverage(3);
        m.add(1); m.add(2); m.add(3);
        check(m.add(10) == 5.0, "drops the oldest");
        try { new MovingAverage(0); check(false, "zero window"); } catch (IllegalArgumentException e) { }
    }
}
