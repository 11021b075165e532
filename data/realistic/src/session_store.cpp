#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class SessionExpired : public runtime_error {
public:
    explicit SessionExpired(const string& token) : runtime_error("session " + token + " expired") {}
};

// Login sessions that expire after an idle time; times are seconds passed in by the caller.
class SessionStore {
    map<string, string> users;
    map<string, long long> last_seen;
    long long idle_seconds;
    int issued = 0;

public:
    explicit SessionStore(long long idle_seconds) : idle_seconds(idle_seconds) {
        if (idle_seconds <= 0) throw invalid_argument("idle time must be positive");
    }

    string login(const string& user, long long now) {
        size_t b = user.find_first_not_of(' ');
        if (b == string::npos) throw invalid_argument("user required");
        string name = user.substr(b, user.find_last_not_of(' ') - b + 1);
        issued++;
        string token;
        for (char c : name) token += c == ' ' ? '_' : static_cast<char>(tolower(static_cast<unsigned char>(c)));
        token += "-" + to_string(issued);
        users[token] = name;
        last_seen[token] = now;
        return token;
    }

    string touch(const string& token, long long now) {
        auto it = last_seen.find(token);
        if (it == last_seen.end() || now - it->second > idle_seconds) {
            logout(token);
            throw SessionExpired(token);
        }
        it->second = max(it->second, now);
        return users[token];
    }

    bool logout(const string& token) {
        last_seen.erase(token);
        return users.erase(token) > 0;
    }

    int sweep(long long now) {
        vector<string> expired;
        for (const auto& [token, seen] : last_seen)
            if (now - seen > idle_seconds) expired.push_back(token);
        for (const string& token : expired) logout(token);
        return static_cast<int>(expired.size());
    }

    vector<string> active_users() const {
        set<string> names;
        for (const auto& [token, name] : users) names.insert(name);
        return vector<string>(names.begin(), names.end());
    }

    int active() const { return static_cast<int>(users.size()); }
};
