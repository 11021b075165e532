class CaseConvert {
    // "parseHTTPResponse2" -> "parse_http_response2"
    static String camelToSnake(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && Character.isLowerCase(name.charAt(i - 1));
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                boolean prevUpper = i > 0 && Character.isUpperCase(name.charAt(i - 1));
                if (i > 0 && (prevLower || (prevUpper && nextLower))) out.append('_');
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // "max_retry_count" -> "maxRetryCount"
    static String snakeToCamel(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_') { up = out.length() > 0; continue; }
            out.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        return out.toString();
    }
}
// ---- tests ----
public class Main {
    static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }
    public static void main(String[] args) {
        check(CaseConvert.camelToSnake("parseHTTPResponse2").equals("parse_http_response2"), "acronym");
        check(CaseConvert.camelToSnake("userId").equals("user_id"), "simple");
        check(CaseConvert.camelToSnake("URL").equals("url") && CaseConvert.camelToSnake("").equals(""), "edge");
        check(CaseConvert.camelToSnake("Already").equals("already"), "leading capital");
        check(CaseConvert.snakeToCamel("max_retry_count").equals("maxRetryCount"), "snake");
        check(CaseConvert.snakeToCamel("_private_x").equals("privateX"), "leading underscore");
        check(CaseConvert.snakeToCamel("a__b").equals("aB"), "double underscore");
    }
}
