// Package geo is the geospatial arithmetic of Redis 7.0 (geohash.c,
// geohash_helper.c): a position is a 52-bit geohash, latitude and
// longitude bits interleaved, kept as a sorted-set score; a search
// covers its shape with the geohash box of the centre and its eight
// neighbours, each a range of scores, and keeps the members within the
// shape by the haversine distance on Redis's earth radius. Every step is
// the same floating-point arithmetic as Redis's, in the same order, so
// that scores, positions and distances come out bit for bit. Pure
// functions: no locking, no logging.
package geo

import (
	"math"
	"strconv"
)

// Limits of the positions (Redis's GEO_*) and geohash_helper.c's constants.
const (
	geoStepMax  = 26 // 52 bits
	LatMin      = -85.05112878
	LatMax      = 85.05112878
	LongMin     = -180.0
	LongMax     = 180.0
	earthRadius = 6372797.560856
	mercatorMax = 20037726.37
	piDouble    = float64(math.Pi)
	degToRad    = piDouble / 180.0 // M_PI / 180.0 in double arithmetic
)

// geoRange is a range of one coordinate.
type geoRange struct{ min, max float64 }

// wgs84 are the coordinate ranges of the geohashes Redis stores.
var wgs84Long, wgs84Lat = geoRange{LongMin, LongMax}, geoRange{LatMin, LatMax}

// geoHash is a geohash of step*2 bits.
type geoHash struct {
	bits uint64
	step uint8
}

func (h geoHash) isZero() bool { return h.bits == 0 && h.step == 0 }

// geoArea is the box a geohash stands for.
type geoArea struct {
	hash      geoHash
	long, lat geoRange
}

// interleave64 puts x's bits at the even positions and y's at the odd.
func interleave64(xlo, ylo uint32) uint64 {
	b := [...]uint64{0x5555555555555555, 0x3333333333333333, 0x0F0F0F0F0F0F0F0F, 0x00FF00FF00FF00FF, 0x0000FFFF0000FFFF}
	s := [...]uint{1, 2, 4, 8, 16}
	x, y := uint64(xlo), uint64(ylo)
	for i := 4; i >= 0; i-- {
		x = (x | x<<s[i]) & b[i]
		y = (y | y<<s[i]) & b[i]
	}
	return x | y<<1
}

// deinterleave64 undoes interleave64: the even bits in the low half, the
// odd in the high.
func deinterleave64(v uint64) uint64 {
	b := [...]uint64{0x5555555555555555, 0x3333333333333333, 0x0F0F0F0F0F0F0F0F, 0x00FF00FF00FF00FF, 0x0000FFFF0000FFFF, 0x00000000FFFFFFFF}
	s := [...]uint{0, 1, 2, 4, 8, 16}
	x, y := v, v>>1
	for i := range b {
		x = (x | x>>s[i]) & b[i]
		y = (y | y>>s[i]) & b[i]
	}
	return x | y<<32
}

// cToUint32 converts a non-negative double to uint32 as C does (truncating).
func cToUint32(f float64) uint32 { return uint32(int64(f)) }

// cToUint64 converts a double to uint64 as gcc's code on x86-64 does, for
// any value (Redis decodes any score as a geohash).
func cToUint64(f float64) uint64 {
	const two63 = 9223372036854775808.0
	if f < two63 {
		return uint64(int64(f))
	}
	return uint64(int64(f-two63)) ^ 1<<63
}

// geohashEncode encodes a position in the ranges at step; false outside
// the WGS84 limits or the ranges.
func geohashEncode(lr, ar geoRange, long, lat float64, step uint8) (geoHash, bool) {
	if step > 32 || step == 0 || long > LongMax || long < LongMin || lat > LatMax || lat < LatMin ||
		lat < ar.min || lat > ar.max || long < lr.min || long > lr.max {
		return geoHash{}, false
	}
	latOff := (lat - ar.min) / (ar.max - ar.min)
	longOff := (long - lr.min) / (lr.max - lr.min)
	latOff *= float64(uint64(1) << step)
	longOff *= float64(uint64(1) << step)
	return geoHash{bits: interleave64(cToUint32(latOff), cToUint32(longOff)), step: step}, true
}

// geohashDecode returns the box of h in the ranges.
func geohashDecode(lr, ar geoRange, h geoHash) (geoArea, bool) {
	if h.isZero() {
		return geoArea{}, false
	}
	sep := deinterleave64(h.bits)
	latScale, longScale := ar.max-ar.min, lr.max-lr.min
	ilat, ilong := uint32(sep), uint32(sep>>32)
	div := float64(uint64(1) << h.step)
	return geoArea{hash: h,
		lat:  geoRange{ar.min + (float64(ilat)*1.0/div)*latScale, ar.min + (float64(ilat+1)*1.0/div)*latScale},
		long: geoRange{lr.min + (float64(ilong)*1.0/div)*longScale, lr.min + (float64(ilong+1)*1.0/div)*longScale},
	}, true
}

// Decode returns the longitude and latitude a score stands for
// (the centre of its box, within the limits), as Redis's decodeGeohash.
func Decode(score float64) (long, lat float64) {
	a, _ := geohashDecode(wgs84Long, wgs84Lat, geoHash{bits: cToUint64(score), step: geoStepMax})
	long = min(max((a.long.min+a.long.max)/2, LongMin), LongMax)
	lat = min(max((a.lat.min+a.lat.max)/2, LatMin), LatMax)
	return long, lat
}

// Score is the score GEOADD gives a position (within the limits).
func Score(long, lat float64) float64 {
	h, _ := geohashEncode(wgs84Long, wgs84Lat, long, lat, geoStepMax)
	return float64(geoAlign52(h))
}

// geoAlign52 shifts h's bits to a 52-bit score.
func geoAlign52(h geoHash) uint64 { return h.bits << (52 - uint(h.step)*2) }

// geoMove moves h one box east (d > 0) or west (d < 0) when x, north or
// south when not x.
func geoMove(h *geoHash, d int, x bool) {
	if d == 0 {
		return
	}
	const even, odd = 0x5555555555555555, 0xaaaaaaaaaaaaaaaa
	mine, other, zzMask, keep := uint64(odd), uint64(even), uint64(even), uint64(odd)
	if !x {
		mine, other, zzMask, keep = even, odd, odd, even
	}
	v, rest := h.bits&mine, h.bits&other
	shift := 64 - uint(h.step)*2
	zz := zzMask >> shift
	if d > 0 {
		v += zz + 1
	} else {
		v |= zz
		v -= zz + 1
	}
	v &= keep >> shift
	h.bits = v | rest
}

// geoNeighbors returns the eight boxes around h, in Redis's order of
// search after h itself: north, south, east, west, north-east,
// north-west, south-east, south-west.
func geoNeighbors(h geoHash) [8]geoHash {
	moves := [8][2]int{{0, 1}, {0, -1}, {1, 0}, {-1, 0}, {1, 1}, {-1, 1}, {1, -1}, {-1, -1}}
	var out [8]geoHash
	for i, m := range moves {
		out[i] = h
		geoMove(&out[i], m[0], true)
		geoMove(&out[i], m[1], false)
	}
	return out
}

const (
	nbNorth = iota
	nbSouth
	nbEast
	nbWest
	nbNorthEast
	nbNorthWest
	nbSouthEast
	nbSouthWest
)

// Shape is a search: a circle of radius, or a width by height box,
// around (long, lat), in units of conversion metres.
type Shape struct {
	Long, Lat             float64
	Box                   bool
	Radius, Width, Height float64
	Conversion            float64
}

func degRad(a float64) float64 { return a * degToRad }
func radDeg(a float64) float64 { return a / degToRad }

// geoEstimateSteps is the geohash step whose boxes fit a radius.
func geoEstimateSteps(rangeMeters, lat float64) uint8 {
	if rangeMeters == 0 {
		return 26
	}
	step := 1
	for rangeMeters < mercatorMax {
		rangeMeters *= 2
		step++
	}
	step -= 2
	if lat > 66 || lat < -66 {
		step--
		if lat > 80 || lat < -80 {
			step--
		}
	}
	return uint8(min(max(step, 1), 26))
}

// boundingBox returns the shape's bounds: min long, min lat, max long,
// max lat.
func (s *Shape) boundingBox() [4]float64 {
	height, width := s.Conversion*s.Radius, s.Conversion*s.Radius
	if s.Box {
		height, width = s.Conversion*(s.Height/2), s.Conversion*(s.Width/2)
	}
	latDelta := radDeg(height / earthRadius)
	longDeltaTop := radDeg(width / earthRadius / crCos(degRad(s.Lat+latDelta)))
	longDeltaBottom := radDeg(width / earthRadius / crCos(degRad(s.Lat-latDelta)))
	d := longDeltaTop
	if s.Lat < 0 {
		d = longDeltaBottom
	}
	return [4]float64{s.Long - d, s.Lat - latDelta, s.Long + d, s.Lat + latDelta}
}

// ScoreRanges returns the ranges of scores [lo, hi) to scan for s, box
// by box in Redis's order: the centre's box and its useful neighbours, a
// box the same as the one scanned before it left out.
func (s *Shape) ScoreRanges() [][2]float64 {
	boxes := s.searchAreas()
	out := make([][2]float64, 0, len(boxes))
	last := -1
	for i, h := range boxes {
		if h.isZero() || last >= 0 && h == boxes[last] {
			continue
		}
		lo := float64(geoAlign52(h))
		h.bits++
		out = append(out, [2]float64{lo, float64(geoAlign52(h))})
		last = i
	}
	return out
}

// Geohash is the 11-character geohash GEOHASH shows for a position: the
// position re-encoded on the standard ranges (latitude -90 to 90), its
// 52 bits, then a '0'.
func Geohash(long, lat float64) [11]byte {
	const alphabet = "0123456789bcdefghjkmnpqrstuvwxyz"
	h, _ := geohashEncode(geoRange{-180, 180}, geoRange{-90, 90}, long, lat, 26)
	var buf [11]byte
	for i := range 10 {
		buf[i] = alphabet[(h.bits>>(52-(i+1)*5))&0x1f]
	}
	buf[10] = alphabet[0]
	return buf
}

// Point is a member a search found.
type Point struct {
	Member          string
	Score           float64
	Long, Lat, Dist float64
}

// searchAreas returns the boxes to search for s: the centre's and its
// neighbours (zero where useless), as Redis's
// geohashCalculateAreasByShapeWGS84.
func (s *Shape) searchAreas() [9]geoHash {
	b := s.boundingBox()
	radius := s.Radius
	if s.Box {
		radius = math.Sqrt((s.Width/2)*(s.Width/2) + (s.Height/2)*(s.Height/2))
	}
	radius *= s.Conversion
	steps := geoEstimateSteps(radius, s.Lat)
	hash, _ := geohashEncode(wgs84Long, wgs84Lat, s.Long, s.Lat, steps)
	nb := geoNeighbors(hash)
	area, _ := geohashDecode(wgs84Long, wgs84Lat, hash)
	north, _ := geohashDecode(wgs84Long, wgs84Lat, nb[nbNorth])
	south, _ := geohashDecode(wgs84Long, wgs84Lat, nb[nbSouth])
	east, _ := geohashDecode(wgs84Long, wgs84Lat, nb[nbEast])
	west, _ := geohashDecode(wgs84Long, wgs84Lat, nb[nbWest])
	decrease := north.lat.max < b[3] || south.lat.min > b[1] || east.long.max < b[2] || west.long.min > b[0]
	if steps > 1 && decrease {
		steps--
		hash, _ = geohashEncode(wgs84Long, wgs84Lat, s.Long, s.Lat, steps)
		nb = geoNeighbors(hash)
		area, _ = geohashDecode(wgs84Long, wgs84Lat, hash)
	}
	if steps >= 2 {
		zero := func(is ...int) {
			for _, i := range is {
				nb[i] = geoHash{}
			}
		}
		if area.lat.min < b[1] {
			zero(nbSouth, nbSouthWest, nbSouthEast)
		}
		if area.lat.max > b[3] {
			zero(nbNorth, nbNorthEast, nbNorthWest)
		}
		if area.long.min < b[0] {
			zero(nbWest, nbSouthWest, nbNorthWest)
		}
		if area.long.max > b[2] {
			zero(nbEast, nbSouthEast, nbNorthEast)
		}
	}
	var out [9]geoHash
	out[0] = hash
	copy(out[1:], nb[:])
	return out
}

// geoLatDistance is the distance between two latitudes in metres.
func geoLatDistance(lat1, lat2 float64) float64 {
	return earthRadius * math.Abs(degRad(lat2)-degRad(lat1))
}

// Distance is the haversine distance between two positions in metres.
func Distance(long1, lat1, long2, lat2 float64) float64 {
	long1r, long2r := degRad(long1), degRad(long2)
	v := crSin((long2r - long1r) / 2)
	if v == 0 {
		return geoLatDistance(lat1, lat2)
	}
	lat1r, lat2r := degRad(lat1), degRad(lat2)
	u := crSin((lat2r - lat1r) / 2)
	a := u*u + crCos(lat1r)*crCos(lat2r)*v*v
	return 2.0 * earthRadius * crAsin(math.Sqrt(a))
}

// Within reports whether (long, lat) is in the shape, with its distance
// from the centre in metres.
func (s *Shape) Within(long, lat float64) (float64, bool) {
	if !s.Box {
		d := Distance(s.Long, s.Lat, long, lat)
		return d, d <= s.Radius*s.Conversion
	}
	if geoLatDistance(lat, s.Lat) > s.Height*s.Conversion/2 {
		return 0, false
	}
	if Distance(long, lat, s.Long, lat) > s.Width*s.Conversion/2 {
		return 0, false
	}
	return Distance(s.Long, s.Lat, long, lat), true
}

// AppendDistance appends d with four decimals, rounded as Redis's
// fixedpoint_d2string (llrint of d*10000).
func AppendDistance(dst []byte, d float64) []byte {
	v := int64(math.RoundToEven(d * 10000))
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	dst = strconv.AppendInt(dst, v/10000, 10)
	frac := strconv.AppendInt(nil, v%10000+10000, 10)
	return append(append(dst, '.'), frac[1:]...)
}

// AppendHuman appends f as Redis's ld2string in human mode: 17
// decimals, trailing zeroes (and a trailing point) dropped, "-0" as "0".
func AppendHuman(dst []byte, f float64) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', 17, 64)
	for dst[len(dst)-1] == '0' {
		dst = dst[:len(dst)-1]
	}
	if dst[len(dst)-1] == '.' {
		dst = dst[:len(dst)-1]
	}
	if string(dst[start:]) == "-0" {
		dst = append(dst[:start], '0')
	}
	return dst
}
