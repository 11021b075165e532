#include <cctype>
#include <stdexcept>
#include <string>
using namespace std;

// "3a2b1c" -> "aaabbc"; a count may have several digits
string rle_decode(const string& encoded) {
    string out;
    size_t i = 0;
    while (i < encoded.size()) {
        size_t start = i;
        while (i < encoded.size() && isdigit(static_cast<unsigned char>(encoded[i]))) i++;
        if (i == start || i == encoded.size()) throw invalid_argument("expected a count and a character");
        int n = stoi(encoded.substr(start, i - start));
        if (n == 0) throw invalid_argument("zero count");
        out.append(n, encoded[i]);
        i++;
    }
    return out;
}

string rle_encode(const string& text) {
    string out;
    for (size_t i = 0; i < text.size();) {
        size_t j = i;
        while (j < text.size() && text[j] == text[i]) j++;
        out += to_string(j - i) + text[i];
        i = j;
    }
    return out;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(rle_decode("3a2b1c") == "aaabbc" && rle_decode("12x") == string(12, 'x') && rle_decode("") == "");
    assert(rle_encode("aaabbc") == "3a2b1c" && rle_encode("") == "" && rle_encode("z") == "1z");
    assert(rle_decode(rle_encode("hello  world")) == "hello  world");
    int errors = 0;
    for (const char* bad : {"a", "3", "0a", "2a3"}) {
        try { rle_decode(bad); } catch (const invalid_argument&) { errors++; }
    }
    assert(errors == 4);
    return 0;
}
