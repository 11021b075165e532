import java.util.HashMap;
import java.util.Map;

class MissingValueException extends Exception {
    MissingValueException(String name) { super("no value for " + name); }
}

/** Renders {{name}} placeholders; values can be set one by one, and a strict renderer refuses missing ones. */
class TemplateRenderer {
    private final Map<String, String> values = new HashMap<>();
    private final boolean strict;
    private int renders;

    TemplateRenderer(boolean strict) {
        this.strict = strict;
    }

    void set(String name, String value) {
        if (name.isEmpty()) throw new IllegalArgumentException("empty name");
        values.put(name.trim(), value);
    }

    boolean has(String name) {
        return values.containsKey(name.trim());
    }

    String render(String template) throws MissingValueException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(template.substring(i));
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                out.append(template.substring(i));
                break;
            }
            out.append(template, i, open);
            String name = template.substring(open + 2, close).trim();
            String value = values.get(name);
            if (value == null) {
                if (strict) throw new MissingValueException(name);
                value = "";
            }
            out.append(value);
            i = close + 2;
        }
        renders++;
        return out.toString();
    }

    int placeholders(String template) {
        int count = 0;
        int at = template.indexOf("{{");
        while (at >= 0) {
            int close = template.indexOf("}}", at + 2);
            if (close < 0) break;
            count++;
            at = template.indexOf("{{", close + 2);
        }
        return count;
    }

    int renderCount() {
        return renders;
    }
}
