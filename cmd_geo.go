// cmd_geo.go holds the geospatial commands over sorted sets whose scores
// are geohashes (internal/geo): GEOADD, GEOPOS, GEODIST, GEOHASH, GEORADIUS,
// GEORADIUSBYMEMBER and their _RO forms, GEOSEARCH and GEOSEARCHSTORE,
// with Redis 7.0's argument parsing in its order, its replies and errors.
package main

import (
	"math"
	"strconv"
	"strings"

	"nosql/internal/geo"
	"nosql/internal/scoretext"
)

// Geo error replies.
const (
	errGeoMember   = "ERR could not decode requested zset member"
	errGeoUnit     = "ERR unsupported unit provided. please use M, KM, FT, MI"
	errGeoCount    = "ERR COUNT must be > 0"
	errGeoAny      = "ERR the ANY argument requires COUNT argument"
	errGeoNegative = "ERR radius cannot be negative"
	errGeoBoxNeg   = "ERR height or width cannot be negative"
)

func geoCommands() []*command {
	const w, r = flagWrite, flagReadonly
	one := func(name string, arity int, flags cmdFlags, fn func(*client, [][]byte)) *command {
		return &command{name: name, arity: arity, flags: flags, firstKey: 1, lastKey: 1, step: 1, fn: fn}
	}
	return []*command{
		one("geoadd", -5, w|flagDenyOOM, cmdGeoAdd),
		one("geopos", -2, r, cmdGeoPos),
		one("geohash", -2, r, cmdGeoHash),
		one("geodist", -4, r, cmdGeoDist),
		{name: "georadius", arity: -6, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: geoSearchCmd(1, geoByCoords), keys: geoRadiusKeys(6)},
		{name: "georadiusbymember", arity: -5, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: geoSearchCmd(1, geoByMember), keys: geoRadiusKeys(5)},
		one("georadius_ro", -6, r, geoSearchCmd(1, geoByCoords|geoNoStore)),
		one("georadiusbymember_ro", -5, r, geoSearchCmd(1, geoByMember|geoNoStore)),
		one("geosearch", -7, r, geoSearchCmd(1, geoSearch)),
		{name: "geosearchstore", arity: -8, flags: w | flagDenyOOM, firstKey: 1, lastKey: 2, step: 1, fn: geoSearchCmd(2, geoSearch|geoSearchStore)},
	}
}

// geoRadiusKeys returns GEORADIUS's keys: the source, then as Redis's
// key specs find them the key after the first STORE and the key after the
// first STOREDIST from argument from on, then (for the locks) the key
// after any other STORE or STOREDIST, which the last one given names.
func geoRadiusKeys(from int) func(args [][]byte) [][]byte {
	return func(args [][]byte) [][]byte {
		keys := [][]byte{args[1]}
		at := map[int]bool{}
		for _, kw := range []string{"store", "storedist"} {
			for i := from; i+1 < len(args); i++ {
				if strings.EqualFold(string(args[i]), kw) {
					keys, at[i+1] = append(keys, args[i+1]), true
					break
				}
			}
		}
		for i := from; i+1 < len(args); i++ {
			kw := strings.ToLower(string(args[i]))
			if (kw == "store" || kw == "storedist") && !at[i+1] {
				keys, at[i+1] = append(keys, args[i+1]), true
			}
		}
		return keys
	}
}

// cmdGeoAdd adds members at positions, as ZADD with geohash scores:
// GEOADD key [NX|XX] [CH] long lat member ...
func cmdGeoAdd(c *client, args [][]byte) {
	var f zaddFlags
	ch, i := false, 2
	for ; i < len(args); i++ {
		switch strings.ToLower(string(args[i])) {
		case "nx":
			f.nx = true
		case "xx":
			f.xx = true
		case "ch":
			ch = true
		default:
			goto parsed
		}
	}
parsed:
	rest := args[i:]
	if len(rest)%3 != 0 || f.nx && f.xx || len(rest) == 0 {
		c.writeError(errSyntax)
		return
	}
	scores := make([]float64, len(rest)/3)
	members := make([][]byte, len(rest)/3)
	for j := range scores {
		long, lat, ok := c.geoLongLat(rest[3*j:])
		if !ok {
			return
		}
		scores[j], members[j] = geo.Score(long, lat), rest[3*j+2]
	}
	res, err := c.db.ZAdd(args[1], f, scores, members)
	switch {
	case err != nil:
		c.writeStoreError(err)
	case ch:
		c.writeInt(int64(res.added + res.updated))
	default:
		c.writeInt(int64(res.added))
	}
}

// geoLongLat reads a longitude and a latitude from args[0:2], answering
// the error when they are not numbers within the limits.
func (c *client) geoLongLat(args [][]byte) (long, lat float64, ok bool) {
	if long, ok = scoretext.Parse(args[0]); ok {
		lat, ok = scoretext.Parse(args[1])
	}
	switch {
	case !ok:
		c.writeError(errScoreNotFloat)
	case long < geo.LongMin || long > geo.LongMax || lat < geo.LatMin || lat > geo.LatMax:
		c.writeError("ERR invalid longitude,latitude pair " + cFormatF(long) + "," + cFormatF(lat))
		ok = false
	}
	return long, lat, ok
}

// cFormatF formats f as C's "%f".
func cFormatF(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'f', 6, 64)
}

// geoUnit returns the metres in a unit; false (answered) if unknown.
func (c *client) geoUnit(u []byte) (float64, bool) {
	switch strings.ToLower(string(u)) {
	case "m":
		return 1, true
	case "km":
		return 1000, true
	case "ft":
		return 0.3048, true
	case "mi":
		return 1609.34, true
	}
	c.writeError(errGeoUnit)
	return 0, false
}

// geoZSet returns key's sorted set (nil when missing); false (answered)
// for another kind.
func (c *client) geoZSet(key []byte) (*ZSet, bool) {
	_, _, z, err := c.db.zsetIn(key)
	if err != nil {
		c.writeStoreError(err)
		return nil, false
	}
	if z == nil {
		c.db.missed(key) // the STORE forms read their source as a read
	}
	return z, true
}

func cmdGeoPos(c *client, args [][]byte) {
	c.geoMembers(args, c.writeNullArray, func(score float64) {
		long, lat := geo.Decode(score)
		c.writeArray(2)
		c.writeHumanDouble(long)
		c.writeHumanDouble(lat)
	})
}

// geoMembers answers GEOPOS and GEOHASH key member...: an array holding,
// per member, what write makes of its score, or what none writes when the
// member is absent.
func (c *client) geoMembers(args [][]byte, none func(), write func(score float64)) {
	z, ok := c.geoZSet(args[1])
	if !ok {
		return
	}
	c.writeArray(len(args) - 2)
	for _, m := range args[2:] {
		if score, found := zscore(z, m); found {
			write(score)
		} else {
			none()
		}
	}
}

// zscore returns m's score in z (nil: none).
func zscore(z *ZSet, m []byte) (float64, bool) {
	if z == nil {
		return 0, false
	}
	return z.Score(bytesString(m))
}

// writeHumanDouble writes a coordinate as Redis's addReplyHumanLongDouble:
// a bulk string under RESP2, a double under RESP3.
func (c *client) writeHumanDouble(f float64) {
	var buf [400]byte
	b := geo.AppendHuman(buf[:0], f)
	if c.resp == 3 {
		c.room(len(b) + 3)
		c.out = append(append(append(c.out, ','), b...), '\r', '\n')
		return
	}
	c.writeBulk(b)
}

func cmdGeoHash(c *client, args [][]byte) {
	c.geoMembers(args, c.writeNull, func(score float64) {
		h := geo.Geohash(geo.Decode(score))
		c.writeBulk(h[:])
	})
}

func cmdGeoDist(c *client, args [][]byte) {
	toMeter := 1.0
	switch {
	case len(args) == 5:
		var ok bool
		if toMeter, ok = c.geoUnit(args[4]); !ok {
			return
		}
	case len(args) > 5:
		c.writeError(errSyntax)
		return
	}
	z, ok := c.geoZSet(args[1])
	if !ok {
		return
	}
	s1, ok1 := zscore(z, args[2])
	s2, ok2 := zscore(z, args[3])
	if !ok1 || !ok2 {
		c.writeNull()
		return
	}
	long1, lat1 := geo.Decode(s1)
	long2, lat2 := geo.Decode(s2)
	var buf [32]byte
	c.writeBulk(geo.AppendDistance(buf[:0], geo.Distance(long1, lat1, long2, lat2)/toMeter))
}

// geoFlags tell the search commands apart, as Redis's RADIUS_* flags.
type geoFlags int

const (
	geoByCoords    geoFlags = 1 << iota // GEORADIUS: around coordinates
	geoByMember                         // GEORADIUSBYMEMBER: around a member
	geoNoStore                          // the _RO forms: no STORE
	geoSearch                           // GEOSEARCH's arguments
	geoSearchStore                      // GEOSEARCHSTORE: STOREDIST without a key
)

// geoQuery is a parsed search.
type geoQuery struct {
	shape                          geo.Shape
	withDist, withHash, withCoords bool
	any                            bool
	sort                           int // 0 none, 1 ascending, 2 descending
	count                          int64
	store                          []byte
	storeDist                      bool
	fromMember, fromLoc            bool
	byRadius, byBox                bool
}

func geoSearchCmd(src int, flags geoFlags) func(*client, [][]byte) {
	return func(c *client, args [][]byte) { c.geoSearch(args, src, flags) }
}

// geoSearch is Redis's georadiusGeneric: parse, search, reply or store.
func (c *client) geoSearch(args [][]byte, src int, flags geoFlags) {
	z, ok := c.geoZSet(args[src])
	if !ok {
		return
	}
	q, ok := c.geoParse(args, z, flags)
	if !ok {
		return
	}
	if z == nil {
		if q.store != nil {
			c.db.Del(q.store)
			c.writeInt(0)
			return
		}
		c.writeArray(0)
		return
	}
	if q.count != 0 && q.sort == 0 && !q.any {
		q.sort = 1
	}
	limit := int64(0)
	if q.any {
		limit = q.count
	}
	pts := geoCollect(z, &q.shape, limit)
	if len(pts) == 0 && q.store == nil {
		c.writeArray(0)
		return
	}
	n := len(pts)
	if q.count != 0 && int64(n) > q.count {
		n = int(q.count)
	}
	if q.sort != 0 {
		geo.Sort(pts, n, q.sort == 2)
	}
	pts = pts[:n]
	for i := range pts {
		pts[i].Dist /= q.shape.Conversion
	}
	if q.store != nil {
		event := "georadiusstore"
		if flags&geoSearch != 0 {
			event = "geosearchstore"
		}
		c.geoStore(q, pts, event)
		return
	}
	c.geoReply(q, pts)
}

// geoParse reads a search's arguments in Redis's order, answering the
// first error.
func (c *client) geoParse(args [][]byte, z *ZSet, flags geoFlags) (geoQuery, bool) {
	var q geoQuery
	base := 2
	switch {
	case flags&geoByCoords != 0:
		base = 6
		long, lat, ok := c.geoLongLat(args[2:4])
		if !ok || !c.geoRadiusArg(args[4:6], &q.shape) {
			return q, false
		}
		q.shape.Long, q.shape.Lat = long, lat
	case flags&geoByMember != 0:
		base = 5
		if z == nil {
			break
		}
		if !c.geoFromMember(z, args[2], &q.shape) || !c.geoRadiusArg(args[3:5], &q.shape) {
			return q, false
		}
	case flags&geoSearchStore != 0:
		base, q.store = 3, args[1]
	}
	if !c.geoOptions(args, base, z, flags, &q) {
		return q, false
	}
	name := string(args[0])
	switch {
	case q.store != nil && (q.withDist || q.withHash || q.withCoords):
		what := "STORE option in GEORADIUS"
		if flags&geoSearchStore != 0 {
			what = "GEOSEARCHSTORE"
		}
		c.writeError("ERR " + what + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options")
	case flags&geoSearch != 0 && !q.fromMember && !q.fromLoc:
		c.writeError("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + name)
	case flags&geoSearch != 0 && !q.byRadius && !q.byBox:
		c.writeError("ERR exactly one of BYRADIUS and BYBOX can be specified for " + name)
	case q.any && q.count == 0:
		c.writeError(errGeoAny)
	default:
		return q, true
	}
	return q, false
}

// geoOptions reads the options from args[base] on.
func (c *client) geoOptions(args [][]byte, base int, z *ZSet, flags geoFlags, q *geoQuery) bool {
	rest := args[base:]
	canStore := flags&(geoNoStore|geoSearch) == 0
	search := flags&geoSearch != 0
	for i := 0; i < len(rest); i++ {
		left := len(rest) - i - 1 // arguments after this one
		switch arg := strings.ToLower(string(rest[i])); {
		case arg == "withdist":
			q.withDist = true
		case arg == "withhash":
			q.withHash = true
		case arg == "withcoord":
			q.withCoords = true
		case arg == "any":
			q.any = true
		case arg == "asc":
			q.sort = 1
		case arg == "desc":
			q.sort = 2
		case arg == "count" && left >= 1:
			n, ok := parseCanonicalInt(rest[i+1])
			switch {
			case !ok:
				c.writeError(errNotInteger)
				return false
			case n <= 0:
				c.writeError(errGeoCount)
				return false
			}
			q.count = n
			i++
		case (arg == "store" || arg == "storedist") && left >= 1 && canStore:
			q.store, q.storeDist = rest[i+1], arg == "storedist"
			i++
		case arg == "storedist" && search && flags&geoSearchStore != 0:
			q.storeDist = true
		case arg == "frommember" && left >= 1 && search && !q.fromLoc:
			if z != nil && !c.geoFromMember(z, rest[i+1], &q.shape) {
				return false
			}
			q.fromMember = true
			i++
		case arg == "fromlonlat" && left >= 2 && search && !q.fromMember:
			long, lat, ok := c.geoLongLat(rest[i+1:])
			if !ok {
				return false
			}
			q.shape.Long, q.shape.Lat = long, lat
			q.fromLoc = true
			i += 2
		case arg == "byradius" && left >= 2 && search && !q.byBox:
			if !c.geoRadiusArg(rest[i+1:i+3], &q.shape) {
				return false
			}
			q.shape.Box, q.byRadius = false, true
			i += 2
		case arg == "bybox" && left >= 3 && search && !q.byRadius:
			if !c.geoBoxArg(rest[i+1:i+4], &q.shape) {
				return false
			}
			q.shape.Box, q.byBox = true, true
			i += 3
		default:
			c.writeError(errSyntax)
			return false
		}
	}
	return true
}

// geoFromMember centres the shape on member's position.
func (c *client) geoFromMember(z *ZSet, member []byte, s *geo.Shape) bool {
	score, ok := zscore(z, member)
	if !ok {
		c.writeError(errGeoMember)
		return false
	}
	s.Long, s.Lat = geo.Decode(score)
	return true
}

// geoRadiusArg reads a radius and its unit.
func (c *client) geoRadiusArg(args [][]byte, s *geo.Shape) bool {
	r, ok := scoretext.Parse(args[0])
	switch {
	case !ok:
		c.writeError("ERR need numeric radius")
		return false
	case r < 0:
		c.writeError(errGeoNegative)
		return false
	}
	s.Radius = r
	s.Conversion, ok = c.geoUnit(args[1])
	return ok
}

// geoBoxArg reads a width, a height and their unit.
func (c *client) geoBoxArg(args [][]byte, s *geo.Shape) bool {
	w, ok := scoretext.Parse(args[0])
	if !ok {
		c.writeError("ERR need numeric width")
		return false
	}
	h, ok := scoretext.Parse(args[1])
	switch {
	case !ok:
		c.writeError("ERR need numeric height")
		return false
	case h < 0 || w < 0:
		c.writeError(errGeoBoxNeg)
		return false
	}
	s.Width, s.Height = w, h
	s.Conversion, ok = c.geoUnit(args[2])
	return ok
}

// geoCollect returns the members of z within the shape, box by box in
// Redis's order; with limit > 0 it stops once it has that many.
func geoCollect(z *ZSet, s *geo.Shape, limit int64) []geo.Point {
	var pts []geo.Point
	full := func() bool { return limit > 0 && int64(len(pts)) >= limit }
	for _, r := range s.ScoreRanges() {
		if full() {
			break
		}
		from := z.search(func(e zentry) bool { return e.Score >= r[0] })
		z.each(from, z.Len(), false, func(e zentry) bool {
			if e.Score >= r[1] {
				return false
			}
			long, lat := geo.Decode(e.Score)
			if d, in := s.Within(long, lat); in {
				pts = append(pts, geo.Point{Member: e.Member, Score: e.Score, Long: long, Lat: lat, Dist: d})
			}
			return !full()
		})
	}
	return pts
}

// geoReply writes the points found, each with what was asked for.
func (c *client) geoReply(q geoQuery, pts []geo.Point) {
	opts := 0
	for _, on := range []bool{q.withDist, q.withHash, q.withCoords} {
		if on {
			opts++
		}
	}
	c.writeArray(len(pts))
	for _, p := range pts {
		if opts > 0 {
			c.writeArray(opts + 1)
		}
		c.writeBulkString(p.Member)
		if q.withDist {
			var buf [32]byte
			c.writeBulk(geo.AppendDistance(buf[:0], p.Dist))
		}
		if q.withHash {
			c.writeInt(int64(p.Score))
		}
		if q.withCoords {
			c.writeArray(2)
			c.writeHumanDouble(p.Long)
			c.writeHumanDouble(p.Lat)
		}
	}
}

// geoStore makes the STORE key a sorted set of the points, scored by
// geohash or (STOREDIST) distance, noting event, and answers how many.
func (c *client) geoStore(q geoQuery, pts []geo.Point, event string) {
	entries := make([]zentry, 0, len(pts))
	seen := make(map[string]bool, len(pts))
	for _, p := range pts {
		if seen[p.Member] {
			continue // a member two boxes found (Redis would assert)
		}
		seen[p.Member] = true
		score := p.Score
		if q.storeDist {
			score = p.Dist
		}
		entries = append(entries, zentry{Member: p.Member, Score: score})
	}
	c.writeInt(int64(c.db.ZStore(q.store, entries, event)))
}
