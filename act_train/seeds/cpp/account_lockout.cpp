#include <map>
#include <string>
using namespace std;

class LoginGuard {
    map<string, int> failures;
    map<string, long> locked_until;
    int max_failures;
    long lock_seconds;
public:
    LoginGuard(int max_failures, long lock_seconds) : max_failures(max_failures), lock_seconds(lock_seconds) {}
    // returns "ok", "failed" or "locked"
    string attempt(const string& user, bool password_ok, long now) {
        auto it = locked_until.find(user);
        if (it != locked_until.end() && now < it->second) return "locked";
        if (password_ok) {
            failures[user] = 0;
            return "ok";
        }
        if (++failures[user] >= max_failures) {
            locked_until[user] = now + lock_seconds;
            failures[user] = 0;
            return "locked";
        }
        return "failed";
    }
    int failure_count(const string& user) const {
        auto it = failures.find(user);
        return it == failures.end() ? 0 : it->second;
    }
};
// ---- tests ----
#include <cassert>
int main() {
    LoginGuard g(3, 60);
    assert(g.attempt("ann", false, 0) == "failed" && g.attempt("ann", false, 1) == "failed");
    assert(g.failure_count("ann") == 2 && g.failure_count("bob") == 0);
    assert(g.attempt("ann", false, 2) == "locked" && g.attempt("ann", true, 30) == "locked");
    assert(g.attempt("ann", true, 62) == "ok" && g.failure_count("ann") == 0);
    assert(g.attempt("bob", false, 5) == "failed" && g.attempt("bob", true, 6) == "ok");
    assert(g.attempt("bob", false, 7) == "failed" && g.failure_count("bob") == 1);
    return 0;
}
