import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class ConfigException extends Exception {
    ConfigException(String message) { super(message); }
}

/** INI-style settings: "[section]" headers, "key = value" lines, '#' comments; keys read as section.key. */
class ConfigParser {
    private final Map<String, String> settings = new TreeMap<>();
    private int lineCount;

    void load(String text) throws ConfigException {
        String section = "";
        for (String raw : text.split("\n")) {
            lineCount++;
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) throw new ConfigException("line " + lineCount + ": bad section");
                section = line.substring(1, line.length() - 1).trim().toLowerCase();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) throw new ConfigException("line " + lineCount + ": expected key = value");
            String key = line.substring(0, eq).trim().toLowerCase();
            settings.put(section.isEmpty() ? key : section + "." + key, line.substring(eq + 1).trim());
        }
    }

    String get(String key, String fallback) {
        return settings.getOrDefault(key.toLowerCase(), fallback);
    }

    int getInt(String key, int fallback) throws ConfigException {
        String raw = settings.get(key.toLowerCase());
        if (raw == null) return fallback;
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " is not a number: " + raw);
        }
    }

    boolean getBool(String key) {
        String raw = settings.getOrDefault(key.toLowerCase(), "").toLowerCase();
        return raw.equals("true") || raw.equals("yes") || raw.equals("on") || raw.equals("1");
    }

    List<String> keys(String section) {
        List<String> out = new ArrayList<>();
        String prefix = section.toLowerCase() + ".";
        for (String key : settings.keySet()) {
            if (key.startsWith(prefix)) out.add(key.substring(prefix.length()));
        }
        return out;
    }

    int size() {
        return settings.size();
    }
}
