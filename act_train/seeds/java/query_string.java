import java.util.*;

class QueryString {
    // "a=1&b=two+words&c=%41%42&flag" -> {a=1, b=two words, c=AB, flag=}
    static Map<String, String> parse(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.put(key, value);
        }
        return out;
    }

    static String decode(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.append(' ');
            } else if (c == '%') {
                if (i + 3 > s.length())
                    throw new IllegalArgumentException("truncated escape in " + s);
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        java.util.Map<String, String> q = QueryString.parse("a=1&b=two+words&c=%41%42&flag");
        check(q.size() == 4 && q.get("b").equals("two words") && q.get("c").equals("AB"), "parse");
        check(q.get("flag").equals("") && q.get("a").equals("1"), "flag");
        check(QueryString.parse("").isEmpty() && QueryString.parse("&&").isEmpty(), "empty");
        check(QueryString.parse("x=1&x=2").get("x").equals("2"), "last wins");
        check(QueryString.decode("100%25").equals("100%") && QueryString.decode("a%2Bb").equals("a+b"), "decode");
        boolean threw = false;
        try { QueryString.decode("bad%4"); } catch (IllegalArgumentException e) { threw = true; }
        check(threw, "truncated");
    }
}
