// geo_test.go tests the arithmetic: sine, cosine and arc sine correctly
// rounded (checked against math/big), and geohash scores that decode back
// near their position.
package geo

import (
	"math"
	"math/big"
	"math/rand/v2"
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

// TestCorrectlyRounded checks sin, cos and asin, both the fast path and
// the slow one it falls back to, against 300-bit results.
func TestCorrectlyRounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		x := (rng.Float64()*2 - 1) * 3
		if want, _ := bigSin(big.NewFloat(x)).Float64(); crSin(x) != want || sinDD(x).hi != want {
			t.Fatalf("sin(%v) = %v (slow path %v), want %v", x, crSin(x), sinDD(x).hi, want)
		}
		if want, _ := bigCos(x).Float64(); crCos(x) != want || cosDD(x).hi != want {
			t.Fatalf("cos(%v) = %v (slow path %v), want %v", x, crCos(x), cosDD(x).hi, want)
		}
		y := rng.Float64()
		if rng.IntN(3) == 0 {
			y = 1 - y*1e-8
		}
		z := crAsin(y)
		if slow := asinOf(y, false).hi; slow != z {
			t.Fatalf("asin(%v) = %v, slow path %v", y, z, slow)
		}
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
		s := Score(long, lat)
		if s != math.Trunc(s) || s < 0 || s >= 1<<52 {
			t.Fatalf("score %v for %v,%v", s, long, lat)
		}
		l2, a2 := Decode(s)
		if math.Abs(l2-long) > 1e-5 || math.Abs(a2-lat) > 1e-5 {
			t.Fatalf("%v,%v decodes to %v,%v", long, lat, l2, a2)
		}
		if d := Distance(long, lat, l2, a2); d > 1 {
			t.Fatalf("%v,%v decodes %v m away", long, lat, d)
		}
	}
}

func BenchmarkDistance(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Distance(13.3, 38.1, 13.300001+float64(i%100)*1e-4, 38.1+float64(i%7)*1e-3)
	}
}
