#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

// "#ff8800" or "ff8800" -> {255, 136, 0}
vector<int> parse_color(const string& text) {
    string hex = !text.empty() && text[0] == '#' ? text.substr(1) : text;
    if (hex.size() != 6) throw invalid_argument("expected 6 hex digits");
    vector<int> rgb;
    for (size_t i = 0; i < 6; i += 2) {
        int v = 0;
        for (size_t j = i; j < i + 2; j++) {
            char c = hex[j];
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            else throw invalid_argument("not a hex digit");
            v = v * 16 + d;
        }
        rgb.push_back(v);
    }
    return rgb;
}

// perceived brightness 0..255 (integer weights 299/587/114)
int brightness(const string& color) {
    vector<int> c = parse_color(color);
    return (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000;
}
// ---- tests ----
#include <cassert>
int main() {
    assert((parse_color("#ff8800") == vector<int>{255, 136, 0}));
    assert((parse_color("0A0b0C") == vector<int>{10, 11, 12}));
    assert(brightness("#ffffff") == 255 && brightness("000000") == 0 && brightness("#ff0000") == 76);
    int errors = 0;
    for (const char* bad : {"#fff", "gg0000", "", "#12345z"}) {
        try { parse_color(bad); } catch (const invalid_argument&) { errors++; }
    }
    assert(errors == 4);
    return 0;
}
