#include <stdexcept>
#include <string>
using namespace std;

class Permissions {
    unsigned bits = 0;
    static unsigned flag(const string& name) {
        if (name == "read") return 1;
        if (name == "write") return 2;
        if (name == "exec") return 4;
        if (name == "admin") return 8;
        throw invalid_argument("unknown permission " + name);
    }
public:
    void grant(const string& name) { bits |= flag(name); }
    void revoke(const string& name) { bits &= ~flag(name); }
    bool has(const string& name) const { return (bits & flag(name)) != 0; }
    // admin implies every other permission
    bool allows(const string& name) const { return has("admin") || has(name); }
    // like "rw-" plus "a" when admin
    string describe() const {
        string s;
        s += has("read") ? 'r' : '-';
        s += has("write") ? 'w' : '-';
        s += has("exec") ? 'x' : '-';
        if (has("admin")) s += 'a';
        return s;
    }
    unsigned value() const { return bits; }
};
// ---- tests ----
#include <cassert>
int main() {
    Permissions p;
    assert(p.describe() == "---" && p.value() == 0);
    p.grant("read"); p.grant("exec");
    assert(p.has("read") && !p.has("write") && p.describe() == "r-x" && p.value() == 5);
    p.revoke("read"); p.revoke("write");
    assert(p.describe() == "--x" && !p.allows("write"));
    p.grant("admin");
    assert(p.allows("write") && !p.has("write") && p.describe() == "--xa" && p.value() == 12);
    bool thrown = false;
    try { p.grant("root"); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
