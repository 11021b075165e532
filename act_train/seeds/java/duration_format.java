class Durations {
    // 3725 -> "1h 2m 5s"; zero parts are left out; 0 -> "0s"
    static String format(int seconds) {
        if (seconds < 0) throw new IllegalArgumentException("negative duration");
        if (seconds == 0) return "0s";
        int h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) out.append(h).append("h");
        if (m > 0) out.append(out.length() > 0 ? " " : "").append(m).append("m");
        if (s > 0) out.append(out.length() > 0 ? " " : "").append(s).append("s");
        return out.toString();
    }

    // "1h 30m" -> 5400
    static int parse(String text) {
        int total = 0;
        for (String part : text.trim().split("\\s+")) {
            if (part.length() < 2) throw new IllegalArgumentException("bad part: " + part);
            int n = Integer.parseInt(part.substring(0, part.length() - 1));
            char unit = part.charAt(part.length() - 1);
            if (unit == 'h') total += n * 3600;
            else if (unit == 'm') total += n * 60;
            else if (unit == 's') total += n;
            else throw new IllegalArgumentException("bad unit: " + unit);
        }
        return total;
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(Durations.format(3725).equals("1h 2m 5s"), "all parts");
        check(Durations.format(0).equals("0s") && Durations.format(59).equals("59s"), "small");
        check(Durations.format(3600).equals("1h") && Durations.format(3660).equals("1h 1m"), "zero parts");
        check(Durations.format(120).equals("2m") && Durations.format(61).equals("1m 1s"), "minutes");
        check(Durations.parse("1h 30m") == 5400 && Durations.parse(" 45s ") == 45, "parse");
        check(Durations.parse(Durations.format(98765)) == 98765, "round trip");
        int errors = 0;
        try { Durations.format(-1); } catch (IllegalArgumentException e) { errors++; }
        try { Durations.parse("5d"); } catch (IllegalArgumentException e) { errors++; }
        try { Durations.parse("h"); } catch (IllegalArgumentException e) { errors++; }
        check(errors == 3, "errors");
    }
}
