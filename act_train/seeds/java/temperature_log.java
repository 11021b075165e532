import java.util.*;

class TemperatureLog {
    private final List<Double> readings = new ArrayList<>();
    private final double minValid;
    private final double maxValid;

    TemperatureLog(double minValid, double maxValid) {
        if (minValid >= maxValid) throw new IllegalArgumentException("empty valid range");
        this.minValid = minValid;
        this.maxValid = maxValid;
    }

    boolean record(double celsius) {
        if (celsius < minValid || celsius > maxValid) return false;
        readings.add(celsius);
        return true;
    }

    double average() {
        if (readings.isEmpty()) throw new IllegalStateException("no readings");
        double sum = 0;
        for (double r : readings) sum += r;
        return sum / readings.size();
    }

    double spread() {
        if (readings.isEmpty()) return 0.0;
        return Collections.max(readings) - Collections.min(readings);
    }

    int countAbove(double threshold) {
        int n = 0;
        for (double r : readings) if (r > threshold) n++;
        return n;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        TemperatureLog log = new TemperatureLog(-40, 60);
        check(log.spread() == 0.0, "empty spread");
        boolean threw = false;
        try { log.average(); } catch (IllegalStateException e) { threw = true; }
        check(threw, "average of nothing");
        check(log.record(20.5) && log.record(-3.0) && log.record(31.0), "valid readings");
        check(!log.record(61.0) && !log.record(-41.0), "out of range rejected");
        check(log.record(60.0) && log.record(-40.0), "bounds are valid");
        check(Math.abs(log.average() - 13.7) < 1e-9, "average");
        check(log.spread() == 100.0, "spread");
        check(log.countAbove(20.5) == 2 && log.countAbove(-50) == 5, "count above");
        threw = false;
        try { new TemperatureLog(5, 5); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "empty range");
    }
}
