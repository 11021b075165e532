#include <string>
#include <vector>
using namespace std;

// joins with `sep`, and with `last_sep` before the final element: {"a","b","c"} -> "a, b and c"
string join_list(const vector<string>& items, const string& sep, const string& last_sep) {
    string out;
    for (size_t i = 0; i < items.size(); i++) {
        if (i > 0) out += (i + 1 == items.size()) ? last_sep : sep;
        out += items[i];
    }
    return out;
}

string repeat_with(const string& s, int times, char sep) {
    string out;
    for (int i = 0; i < times; i++) {
        if (i > 0) out += sep;
        out += s;
    }
    return out;
}

string pad_left(const string& s, size_t width, char fill) {
    return s.size() >= width ? s : string(width - s.size(), fill) + s;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(join_list({"a", "b", "c"}, ", ", " and ") == "a, b and c");
    assert(join_list({"a", "b"}, ", ", " or ") == "a or b" && join_list({"x"}, ",", "&") == "x");
    assert(join_list({}, ",", "&") == "");
    assert(repeat_with("ab", 3, '-') == "ab-ab-ab" && repeat_with("x", 0, '-') == "" && repeat_with("y", 1, ',') == "y");
    assert(pad_left("42", 5, '0') == "00042" && pad_left("12345", 3, ' ') == "12345" && pad_left("", 2, '*') == "**");
    return 0;
}
