// geo_test.go tests the geospatial arithmetic: sine, cosine and arc sine
// correctly rounded (checked against math/big), geohash scores that
// decode back near their position, and the records the geo commands log
// and their replay after a restart.
package main

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// bigSin is sin(x) by its series in 300-bit arithmetic.
func bigSin(x *big.Float) *big.Float {
	const prec = 300
	x2 := new(big.Float).SetPrec(prec).Mul(x, x)
	term := new(big.Float).SetPrec(prec).Set(x)
	sum := new(big.Float).SetPrec(prec).Set(x)
	for n := int64(1); n < 60; n++ {
		term.Mul(term, x2)
		term.Quo(term, new(big.Float).SetInt64(-(2*n)*(2*n+1)))
		sum.Add(sum, term)
	}
	return sum
}

// bigCos is cos(x) as sin(π/2 - x).
func bigCos(x float64) *big.Float {
	pi, _ := new(big.Float).SetPrec(300).SetString("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651")
	half := new(big.Float).SetPrec(300).Quo(pi, big.NewFloat(2))
	return bigSin(half.Sub(half, big.NewFloat(x)))
}

func TestCorrectlyRounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		x := (rng.Float64()*2 - 1) * 3
		if want, _ := bigSin(big.NewFloat(x)).Float64(); crSin(x) != want {
			t.Fatalf("sin(%v) = %v, want %v", x, crSin(x), want)
		}
		if want, _ := bigCos(x).Float64(); crCos(x) != want {
			t.Fatalf("cos(%v) = %v, want %v", x, crCos(x), want)
		}
		y := rng.Float64()
		if rng.IntN(3) == 0 {
			y = 1 - y*1e-8
		}
		z := crAsin(y)
		// z is asin(y) rounded iff y lies between the sines of the midpoints
		// from z to its neighbours
		lo := new(big.Float).SetPrec(300).Add(big.NewFloat(z), big.NewFloat(math.Nextafter(z, 0)))
		hi := new(big.Float).SetPrec(300).Add(big.NewFloat(z), big.NewFloat(math.Nextafter(z, 2)))
		lo.Quo(lo, big.NewFloat(2))
		hi.Quo(hi, big.NewFloat(2))
		if by := big.NewFloat(y); bigSin(lo).Cmp(by) > 0 || bigSin(hi).Cmp(by) < 0 {
			t.Fatalf("asin(%v) = %v is not rounded to nearest", y, z)
		}
	}
}

func TestGeoScoreRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 10000 {
		long, lat := rng.Float64()*360-180, rng.Float64()*170-85
		s := geoScore(long, lat)
		if s != math.Trunc(s) || s < 0 || s >= 1<<52 {
			t.Fatalf("score %v for %v,%v", s, long, lat)
		}
		l2, a2 := geoDecodeScore(s)
		if math.Abs(l2-long) > 1e-5 || math.Abs(a2-lat) > 1e-5 {
			t.Fatalf("%v,%v decodes to %v,%v", long, lat, l2, a2)
		}
		if d := geoDistance(long, lat, l2, a2); d > 1 {
			t.Fatalf("%v,%v decodes %v m away", long, lat, d)
		}
	}
}

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
