import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/** HTTP headers: names are case-insensitive, a name may repeat, the first spelling seen is kept; sorted by name. */
class HttpHeaders {
    private final Map<String, String> spelling = new TreeMap<>();
    private final Map<String, List<String>> values = new TreeMap<>();

    void add(String name, String value) {
        String key = validName(name).toLowerCase();
        spelling.putIfAbsent(key, name);
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value.trim());
    }

    void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    boolean remove(String name) {
        String key = name.toLowerCase();
        spelling.remove(key);
        return values.remove(key) != null;
    }

    String get(String name) {
        List<String> all = values.get(name.toLowerCase());
        return all == null ? "" : String.join(", ", all);
    }

    int contentLength() {
        String raw = get("Content-Length");
        if (raw.isEmpty()) return -1;
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("bad Content-Length: " + raw);
        }
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            for (String v : e.getValue()) out.add(spelling.get(e.getKey()) + ": " + v);
        }
        return out;
    }

    int size() {
        return values.size();
    }

    private static String validName(String name) {
        if (name.isEmpty()) throw new IllegalArgumentException("empty header name");
        for (char c : name.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                throw new IllegalArgumentException("bad header name: " + name);
            }
        }
        return name;
    }
}
