#include <stdexcept>
#include <string>
using namespace std;

// "jane.doe@example.com" -> "j******e@example.com"; local parts of 1-2 characters become "*"
string mask_email(const string& email) {
    size_t at = email.find('@');
    if (at == string::npos || at == 0 || at + 1 >= email.size() || email.find('@', at + 1) != string::npos)
        throw invalid_argument("not an email address: " + email);
    string local = email.substr(0, at);
    string masked = local.size() <= 2 ? string("*") : local.front() + string(local.size() - 2, '*') + local.back();
    return masked + email.substr(at);
}

bool same_domain(const string& a, const string& b) {
    size_t pa = a.find('@'), pb = b.find('@');
    if (pa == string::npos || pb == string::npos) return false;
    string da = a.substr(pa + 1), db = b.substr(pb + 1);
    if (da.size() != db.size()) return false;
    for (size_t i = 0; i < da.size(); i++)
        if (tolower(da[i]) != tolower(db[i])) return false;
    return true;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(mask_email("jane.doe@example.com") == "j******e@example.com");
    assert(mask_email("ab@x.io") == "*@x.io" && mask_email("abc@x.io") == "a*c@x.io");
    int errors = 0;
    for (const char* bad : {"nobody", "@x.io", "a@", "a@b@c"}) {
        try { mask_email(bad); } catch (const invalid_argument&) { errors++; }
    }
    assert(errors == 4);
    assert(same_domain("a@Example.com", "b@example.COM") && !same_domain("a@x.com", "b@x.co"));
    assert(!same_domain("a@x.com", "bx.com") && !same_domain("a@ab.com", "b@ac.com"));
    return 0;
}
