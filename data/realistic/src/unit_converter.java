import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Converts lengths between registered units (factors in millimetres); unknown units are an error. */
class UnitConverter {
    private final Map<String, Double> toMillimetres = new TreeMap<>();
    private int conversions;

    UnitConverter() {
        toMillimetres.put("mm", 1.0);
        toMillimetres.put("cm", 10.0);
        toMillimetres.put("m", 1000.0);
        toMillimetres.put("km", 1000000.0);
        toMillimetres.put("in", 25.4);
        toMillimetres.put("ft", 304.8);
    }

    void define(String unit, double millimetres) {
        String key = unit.trim().toLowerCase();
        if (key.isEmpty() || millimetres <= 0) throw new IllegalArgumentException("bad unit definition");
        if (toMillimetres.containsKey(key)) throw new IllegalStateException("unit " + key + " exists");
        toMillimetres.put(key, millimetres);
    }

    double convert(double value, String from, String to) {
        double factor = factor(from) / factor(to);
        conversions++;
        return value * factor;
    }

    /** Rounded to whole hundredths, half away from zero, then written with two decimals. */
    String format(double value, String from, String to) {
        long hundredths = Math.round(Math.abs(convert(value, from, to)) * 100);
        String sign = value < 0 && hundredths != 0 ? "-" : "";
        return sign + hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100 + " " + to.trim().toLowerCase();
    }

    boolean knows(String unit) {
        return toMillimetres.containsKey(unit.trim().toLowerCase());
    }

    List<String> units() {
        return new ArrayList<>(toMillimetres.keySet());
    }

    int conversions() {
        return conversions;
    }

    private double factor(String unit) {
        Double f = toMillimetres.get(unit.trim().toLowerCase());
        if (f == null) throw new IllegalArgumentException("unknown unit " + unit);
        return f;
    }
}
