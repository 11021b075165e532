#include <string>
#include <vector>
using namespace std;

string trim(const string& s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
    return s.substr(b, e - b);
}

// "a , b,, c " split on ',' -> {"a", "b", "c"} (empty fields dropped when skip_empty)
vector<string> split_trim(const string& s, char sep, bool skip_empty) {
    vector<string> out;
    string cur;
    for (size_t i = 0; i <= s.size(); i++) {
        if (i == s.size() || s[i] == sep) {
            string field = trim(cur);
            if (!field.empty() || !skip_empty) out.push_back(field);
            cur.clear();
        } else {
            cur += s[i];
        }
    }
    return out;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(trim("  x y \t") == "x y" && trim("   ") == "" && trim("") == "");
    vector<string> a = split_trim("a , b,, c ", ',', true);
    assert(a.size() == 3 && a[0] == "a" && a[1] == "b" && a[2] == "c");
    vector<string> b = split_trim("a , b,, c ", ',', false);
    assert(b.size() == 4 && b[2] == "" && b[3] == "c");
    assert(split_trim("", ';', true).empty() && split_trim("", ';', false).size() == 1);
    vector<string> c = split_trim("k1=v1;k2=v2", ';', true);
    assert(c.size() == 2 && c[1] == "k2=v2");
    return 0;
}
