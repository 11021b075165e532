import java.util.*;

class ConfigParser {
    // "host=db1; port = 5432 ;; debug=true" -> {host=db1, port=5432, debug=true}
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String entry = part.trim();
            if (entry.isEmpty()) continue;
            int eq = entry.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("malformed entry: " + entry);
            String key = entry.substring(0, eq).trim();
            if (out.containsKey(key)) throw new IllegalArgumentException("duplicate key: " + key);
            out.put(key, entry.substring(eq + 1).trim());
        }
        return out;
    }

    static int intValue(Map<String, String> config, String key, int fallback) {
        String v = config.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        java.util.Map<String, String> c = ConfigParser.parse("host=db1; port = 5432 ;; debug=true");
        check(c.size() == 3 && c.get("host").equals("db1") && c.get("port").equals("5432"), "parse");
        check(ConfigParser.intValue(c, "port", 0) == 5432, "int");
        check(ConfigParser.intValue(c, "debug", 7) == 7 && ConfigParser.intValue(c, "none", 9) == 9, "fallbacks");
        check(ConfigParser.parse("").isEmpty() && ConfigParser.parse(" ; ").isEmpty(), "empty");
        check(ConfigParser.parse("a==b").get("a").equals("=b"), "first equals sign splits");
        int errors = 0;
        for (String bad : new String[] {"=x", "novalue", "a=1;a=2"}) {
            try { ConfigParser.parse(bad); } catch (IllegalArgumentException e) { errors++; }
        }
        check(errors == 3, "malformed input rejected");
    }
}
