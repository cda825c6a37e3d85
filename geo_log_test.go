// geo_log_test.go tests the records the geo commands log and their
// replay after a restart, and the keys GEORADIUS locks.
package main

import (
	"fmt"
	"slices"
	"testing"
)

// TestGeoLog checks the records geo writes log (GEOADD as ZADD of the
// geohash scores, the stores as DEL and ZADD, nothing for the reads) and
// that a restart rebuilds the same sets.
func TestGeoLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 }}
	srv := startServer(t, cfg...)
	cl := dialServer(t, srv)
	steps := []struct {
		cmd  []string
		want string // the logged records' commands
	}{
		{sicily, "[ZADD]"},
		{c("GEOADD", "Sicily", "NX", "13.361389", "38.115556", "Palermo"), "[]"},
		{c("GEOADD", "Sicily", "XX", "CH", "13.5", "38.1", "Palermo"), "[ZADD]"},
		{c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "dst"), "[DEL ZADD]"},
		{c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STOREDIST", "dst2"), "[DEL ZADD]"},
		{c("GEOSEARCHSTORE", "dst3", "Sicily", "FROMMEMBER", "Catania", "BYBOX", "500", "500", "km", "STOREDIST"), "[DEL ZADD]"},
		{c("GEOSEARCHSTORE", "dst3", "Sicily", "FROMMEMBER", "Catania", "BYBOX", "1", "1", "m"), "[DEL ZADD]"},
		{c("GEORADIUS", "Sicily", "15", "37", "1", "m", "STORE", "dst"), "[DEL]"},
		{c("GEORADIUS", "Sicily", "15", "37", "200", "km"), "[]"},
		{c("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"), "[]"},
		{c("GEOPOS", "Sicily", "Palermo"), "[]"},
	}
	for _, s := range steps {
		before := len(readRecords(t, dir))
		cl.do(s.cmd...)
		var got []string
		for _, r := range readRecords(t, dir)[before:] {
			if r[0] != "SELECT" {
				got = append(got, r[0])
			}
		}
		if fmt.Sprint(got) != s.want && !(s.want == "[]" && got == nil) {
			t.Fatalf("%.80q logged %v, want %s", s.cmd, got, s.want)
		}
	}
	queries := [][]string{c("ZRANGE", "Sicily", "0", "-1", "WITHSCORES"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
		c("ZRANGE", "dst2", "0", "-1", "WITHSCORES"), c("ZRANGE", "dst3", "0", "-1", "WITHSCORES")}
	replies := func(srv *Server) []string {
		cl := dialServer(t, srv)
		var out []string
		for _, q := range queries {
			out = append(out, cl.do(q...))
		}
		return out
	}
	want := replies(srv)
	stopServer(t, srv)
	srv = startServer(t, cfg...)
	if got := replies(srv); !slices.Equal(got, want) {
		t.Fatalf("after replay:\n got %q\nwant %q", got, want)
	}
}

// TestGeoRadiusKeys checks that GEORADIUS locks every key it may write:
// the parser stores into the last STORE or STOREDIST key given.
func TestGeoRadiusKeys(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{c("GEORADIUS", "k", "1", "2", "3", "km"), "[k]"},
		{c("GEORADIUS", "k", "1", "2", "3", "km", "STORE", "a", "STORE", "b"), "[k a b]"},
		{c("GEORADIUS", "k", "1", "2", "3", "km", "STOREDIST", "a", "STORE", "b", "storedist", "c"), "[k b a c]"},
		{c("GEORADIUSBYMEMBER", "k", "m", "3", "km", "STORE", "a"), "[k a]"},
	} {
		args := make([][]byte, len(tc.args))
		for i, a := range tc.args {
			args[i] = []byte(a)
		}
		from := 6
		if tc.args[0] == "GEORADIUSBYMEMBER" {
			from = 5
		}
		if got := fmt.Sprintf("%s", geoRadiusKeys(from)(args)); got != tc.want {
			t.Errorf("%q: keys %s, want %s", tc.args, got, tc.want)
		}
	}
}
