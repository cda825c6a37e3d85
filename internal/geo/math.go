// math.go holds sine, cosine and arc sine rounded as the C library
// Redis is built with rounds them (to the nearest double), so that
// distances match Redis's to the last bit: Go's math package may be one
// unit in the last place off. Each is evaluated in double-double
// arithmetic (about 104 bits) and rounded once.
package geo

import "math"

// dd is an unevaluated sum hi+lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func twoSum(a, b float64) dd {
	s := a + b
	bb := s - a
	return dd{s, (a - (s - bb)) + (b - bb)}
}

func quickTwoSum(a, b float64) dd {
	s := a + b
	return dd{s, b - (s - a)}
}

func twoProd(a, b float64) dd {
	p := a * b
	return dd{p, math.FMA(a, b, -p)}
}

func (a dd) add(b dd) dd {
	s := twoSum(a.hi, b.hi)
	t := twoSum(a.lo, b.lo)
	s = quickTwoSum(s.hi, s.lo+t.hi)
	return quickTwoSum(s.hi, s.lo+t.lo)
}

func (a dd) neg() dd { return dd{-a.hi, -a.lo} }

func (a dd) mul(b dd) dd {
	p := twoProd(a.hi, b.hi)
	return quickTwoSum(p.hi, p.lo+(a.hi*b.lo+a.lo*b.hi))
}

func (a dd) mulD(b float64) dd {
	p := twoProd(a.hi, b)
	return quickTwoSum(p.hi, p.lo+a.lo*b)
}

func (a dd) divD(b float64) dd {
	q1 := a.hi / b
	r := a.add(twoProd(q1, b).neg())
	q2 := r.hi / b
	r = r.add(twoProd(q2, b).neg())
	return quickTwoSum(q1, q2).add(dd{r.hi / b, 0})
}

// π/2 as the sum of three doubles (literals: Go's constant arithmetic
// would not round the first before taking the differences).
const (
	halfPi1  = 1.5707963267948966
	halfPi2  = 6.123233995736766e-17
	halfPi3  = -1.4973849048591698e-33
	trigSafe = 1 << 20 // arguments past this are left to the math package
)

// sinCosDD returns sin and cos of r (|r| <= π/4 or so) by their series.
func sinCosDD(r dd) (dd, dd) {
	r2 := r.mul(r)
	sin, cos := r, dd{1, 0}
	st, ct := r, dd{1, 0}
	for n := 1; n <= 16; n++ {
		st = st.mul(r2).divD(float64((2 * n) * (2*n + 1))).neg()
		ct = ct.mul(r2).divD(float64((2*n - 1) * (2 * n))).neg()
		sin, cos = sin.add(st), cos.add(ct)
	}
	return sin, cos
}

// reduce returns r = x - k·π/2 and k mod 4.
func reduce(x float64) (dd, int) {
	k := math.Round(x / halfPi1)
	r := dd{x, 0}.add(twoProd(k, halfPi1).neg()).add(twoProd(k, halfPi2).neg()).add(dd{-k * halfPi3, 0})
	return r, int(int64(k) & 3)
}

// sinDD and cosDD return sin(x) and cos(x) in double-double.
func sinDD(x float64) dd {
	r, q := reduce(x)
	s, c := sinCosDD(r)
	return [4]dd{s, c, s.neg(), c.neg()}[q]
}

func cosDD(x float64) dd {
	r, q := reduce(x)
	s, c := sinCosDD(r)
	return [4]dd{c, s.neg(), c.neg(), s}[q]
}

// crSin, crCos and crAsin are sin, cos and asin rounded to the nearest
// double (NaN, infinities and huge arguments as the math package has them).
func crSin(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) > trigSafe || x == 0 {
		return math.Sin(x)
	}
	return sinDD(x).hi
}

func crCos(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) > trigSafe {
		return math.Cos(x)
	}
	return cosDD(x).hi
}

func crAsin(y float64) float64 {
	switch {
	case math.IsNaN(y) || y > 1 || y < -1 || y == 0:
		return math.Asin(y)
	case y < 0:
		return -crAsin(-y)
	case y <= 0.5:
		return asinDD(dd{y, 0}).hi
	}
	// asin(y) = π/2 - 2·asin(sqrt((1-y)/2)), the root taken in double-double
	t := (1 - y) / 2
	s := math.Sqrt(t)
	z := dd{s, 0}
	if s > 0 {
		z = quickTwoSum(s, dd{t, 0}.add(twoProd(s, s).neg()).hi/(2*s))
	}
	w := asinDD(z)
	return dd{halfPi1, halfPi2}.add(w.mulD(-2)).hi
}

// asinDD is asin(z) for 0 <= z <= 0.5 by one Newton step on sin from the
// math package's estimate.
func asinDD(z dd) dd {
	x0 := math.Asin(z.hi)
	d := sinDD(x0).add(z.neg())
	return quickTwoSum(x0, -d.hi/math.Cos(x0))
}
