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

// addSloppy is add for operands that do not nearly cancel (a series'
// terms): one error-free sum instead of two.
func (a dd) addSloppy(b dd) dd {
	s := twoSum(a.hi, b.hi)
	return quickTwoSum(s.hi, s.lo+(a.lo+b.lo))
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

// sinDD and cosDD return sin(x) and cos(x) in double-double (about 100
// bits: the slow path).
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

// invFact holds 1/n! as double-doubles, for the fast path.
var invFact = [...]dd{{1, 0}, {1, 0}, {0.5, 0}, {0.16666666666666666, 9.25185853854297e-18},
	{0.041666666666666664, 2.3129646346357427e-18}, {0.008333333333333333, 1.1564823173178714e-19},
	{0.001388888888888889, -5.300543954373577e-20}, {0.0001984126984126984, 1.7209558293420705e-22},
	{2.48015873015873e-05, 2.1511947866775882e-23}, {2.7557319223985893e-06, -1.858393274046472e-22},
	{2.755731922398589e-07, 2.3767714622250297e-23}, {2.505210838544172e-08, -1.448814070935912e-24},
	{2.08767569878681e-09, -1.20734505911326e-25}, {1.6059043836821613e-10, 1.2585294588752098e-26},
	{1.1470745597729725e-11, 2.0655512752830745e-28}, {7.647163731819816e-13, 7.03872877733453e-30},
	{4.779477332387385e-14, 4.399205485834081e-31}, {2.8114572543455206e-15, 1.6508842730861433e-31},
	{1.5619206968586225e-16, 1.1910679660273754e-32}, {8.22063524662433e-18, 2.2141894119604265e-34},
	{4.110317623312165e-19, 1.4412973378659527e-36}, {1.9572941063391263e-20, -1.3643503830087908e-36},
	{8.896791392450574e-22, -7.911402614872376e-38}, {3.868170170630684e-23, -8.843177655482344e-40}}

// series sums Σ (-1)^i z^i/(first+2i)! in Horner form: the first exact
// terms in double-double, the rest (small) in double.
func series(z dd, first, exact int) dd {
	term := func(n int) dd {
		if (n-first)/2%2 == 1 {
			return invFact[n].neg()
		}
		return invFact[n]
	}
	tail := 0.0
	for n := len(invFact) - 1 - (len(invFact)-1-first)%2; n >= first+2*exact; n -= 2 {
		tail = term(n).hi + z.hi*tail
	}
	acc := dd{tail, 0}
	for n := first + 2*(exact-1); n >= first; n -= 2 {
		acc = term(n).addSloppy(z.mul(acc))
	}
	return acc
}

// trigFast returns sin(x), or cos(x), to about 2^-66 of its size:
// enough, nearly always, to know how it rounds.
func trigFast(x float64, cos bool) dd {
	r, q := reduce(x)
	if cos {
		q++ // cos(x) = sin(x + π/2)
	}
	z := r.mul(r)
	var v dd
	if q&1 == 0 {
		v = r.mul(series(z, 1, 3)) // the double tail from r^7/7!: about 2^-66 off
	} else {
		v = series(z, 0, 4) // from r^8/8!: about 2^-70 off
	}
	if q&2 != 0 {
		v = v.neg()
	}
	return v
}

// rounded returns v rounded to a double when an error of up to 2^-62 of
// its size cannot change which double that is (else the slow path runs:
// about 1 time in 250).
func rounded(v dd) (float64, bool) {
	half := math.Min(v.hi-math.Nextafter(v.hi, 0), math.Nextafter(v.hi, math.Inf(int(math.Copysign(1, v.hi))))-v.hi) / 2
	return v.hi, math.Abs(v.lo)+math.Abs(v.hi)*0x1p-62 < math.Abs(half)
}

// crSin, crCos and crAsin are sin, cos and asin rounded to the nearest
// double (NaN, infinities and huge arguments as the math package has them).
func crSin(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) > trigSafe || x == 0 {
		return math.Sin(x)
	}
	if f, ok := rounded(trigFast(x, false)); ok {
		return f
	}
	return sinDD(x).hi
}

func crCos(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) > trigSafe {
		return math.Cos(x)
	}
	if f, ok := rounded(trigFast(x, true)); ok {
		return f
	}
	return cosDD(x).hi
}

func crAsin(y float64) float64 {
	switch {
	case math.IsNaN(y) || y > 1 || y < -1 || y == 0:
		return math.Asin(y)
	case y < 0:
		return -crAsin(-y)
	}
	if f, ok := rounded(asinOf(y, true)); ok {
		return f
	}
	return asinOf(y, false).hi
}

// asinOf is asin(y) for 0 < y <= 1 in double-double, with the fast sine
// (about 2^-66 of its size) or the slow one.
func asinOf(y float64, fast bool) dd {
	if y <= 0.5 {
		return asinDD(dd{y, 0}, fast)
	}
	// asin(y) = π/2 - 2·asin(sqrt((1-y)/2)), the root taken in double-double
	t := (1 - y) / 2
	s := math.Sqrt(t)
	z := dd{s, 0}
	if s > 0 {
		z = quickTwoSum(s, dd{t, 0}.add(twoProd(s, s).neg()).hi/(2*s))
	}
	return dd{halfPi1, halfPi2}.add(asinDD(z, fast).mulD(-2))
}

// asinDD is asin(z) for 0 <= z <= 0.5 by one Newton step on sin from the
// math package's estimate.
func asinDD(z dd, fast bool) dd {
	x0 := math.Asin(z.hi)
	sin := sinDD
	if fast {
		sin = func(x float64) dd { return trigFast(x, false) }
	}
	d := sin(x0).add(z.neg())
	return quickTwoSum(x0, -d.hi/math.Cos(x0))
}
