#!/usr/bin/env bash
# Refreshes Trailbench's bundled offline IP-enrichment data (docs/ip-enrichment.md).
#
#   tools/ipdata/refresh.sh                 # newest published versions
#   COUNTRY_VERSION=2.3.2026061719 ASN_VERSION=2.3.2026061719 tools/ipdata/refresh.sh   # exact versions
#
# Needs: npm (to fetch the two packages from the npm registry), java 17+, the Maven wrapper.
# Writes into src/main/resources/io/github/trailbench/core/enrich/:
#   country.mmdb       @ip-location-db/geo-whois-asn-country-mmdb, file geo-whois-asn-country.mmdb, as published
#   asn.tbasn          @ip-location-db/asn CSVs (asn-ipv4.csv, asn-ipv6.csv) as a compact range table
#   data.properties    names, versions, licences, dates, sha256 of what was fetched and written
#   LICENSES-ipdata.txt the licence and attribution texts that ship with the data
# Refuses to continue when a package's declared licence is not the one reviewed below.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

COUNTRY_PKG=@ip-location-db/geo-whois-asn-country-mmdb
ASN_PKG=@ip-location-db/asn
COUNTRY_VERSION=${COUNTRY_VERSION:-latest}
ASN_VERSION=${ASN_VERSION:-latest}
# Licences as reviewed (see docs/ip-enrichment.md); a change needs a new review.
COUNTRY_LICENSE_EXPECTED='CC0-1.0'
ASN_LICENSE_EXPECTED='SEE LICENSE IN ROUTEVIEWS-LICENSE and DBIP-LICENSE (CC-BY-4.0)'

out=src/main/resources/io/github/trailbench/core/enrich
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "fetching $COUNTRY_PKG@$COUNTRY_VERSION and $ASN_PKG@$ASN_VERSION"
(cd "$work" && npm pack --silent "$COUNTRY_PKG@$COUNTRY_VERSION" "$ASN_PKG@$ASN_VERSION" >/dev/null)
country_tgz=$(ls "$work"/ip-location-db-geo-whois-asn-country-mmdb-*.tgz)
asn_tgz=$(ls "$work"/ip-location-db-asn-*.tgz)
mkdir -p "$work/country" "$work/asn"
tar xzf "$country_tgz" -C "$work/country"
tar xzf "$asn_tgz" -C "$work/asn"
cpkg="$work/country/package"
apkg="$work/asn/package"

json() { node -e 'const p=require(process.argv[1]); console.log(p[process.argv[2]] ?? "")' "$1" "$2"; }
cver=$(json "$cpkg/package.json" version)
aver=$(json "$apkg/package.json" version)
clic=$(json "$cpkg/package.json" license)
alic=$(json "$apkg/package.json" license)
[ "$clic" = "$COUNTRY_LICENSE_EXPECTED" ] || { echo "country package licence changed: '$clic' (reviewed: '$COUNTRY_LICENSE_EXPECTED')" >&2; exit 1; }
[ "$alic" = "$ASN_LICENSE_EXPECTED" ] || { echo "ASN package licence changed: '$alic' (reviewed: '$ASN_LICENSE_EXPECTED')" >&2; exit 1; }

# ip-location-db versions end in YYYYMMDDHH: the date the data was built.
ver_date() { local d=${1##*.}; echo "${d:0:4}-${d:4:2}-${d:6:2}"; }
cdate=$(ver_date "$cver")
adate=$(ver_date "$aver")

mkdir -p "$out"
cp "$cpkg/geo-whois-asn-country.mmdb" "$out/country.mmdb"

./mvnw -q -B -o compile
java -cp target/classes io.github.trailbench.core.enrich.AsnTableTool \
  --out "$out/asn.tbasn" \
  --name "ip-location-db asn (RouteViews, RIR and DB-IP IP to ASN Lite data)" \
  --licence "CC-BY-4.0" \
  --attribution "RouteViews (routeviews.org), NRO (nro.net) and DB-IP (db-ip.com), via ip-location-db" \
  --version "$ASN_PKG@$aver" \
  --date "$adate" \
  "$apkg/asn-ipv4.csv" "$apkg/asn-ipv6.csv"

sha() { sha256sum "$1" | cut -d' ' -f1; }
cat > "$out/data.properties" <<PROPS
# Written by tools/ipdata/refresh.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); do not edit by hand.
country.name=ip-location-db geo-whois-asn-country (GeoFeed + RIR whois + ASN country)
country.version=$COUNTRY_PKG@$cver
country.licence=CC0-1.0 (package); underlying RIR statistics CC-BY-4.0 by NRO
country.attribution=ip-location-db (sapics); RIR statistics by NRO (nro.net)
country.date=$cdate
country.file=geo-whois-asn-country.mmdb
country.sha256=$(sha "$out/country.mmdb")
country.package.sha256=$(sha "$country_tgz")
asn.name=ip-location-db asn (RouteViews, RIR and DB-IP IP to ASN Lite data)
asn.version=$ASN_PKG@$aver
asn.licence=CC-BY-4.0
asn.attribution=RouteViews (routeviews.org), NRO (nro.net) and DB-IP (db-ip.com), via ip-location-db
asn.date=$adate
asn.file=asn-ipv4.csv + asn-ipv6.csv, converted to asn.tbasn
asn.sha256=$(sha "$out/asn.tbasn")
asn.package.sha256=$(sha "$asn_tgz")
PROPS

{
  echo "Licences of the IP enrichment data bundled with Trailbench"
  echo "=========================================================="
  echo
  echo "country.mmdb: $COUNTRY_PKG@$cver, declared licence $clic."
  echo "Shipped unchanged (the package's geo-whois-asn-country.mmdb). Its data derive from RIR"
  echo "statistics; the package ships this notice:"
  echo
  cat "$cpkg/NRO_LICENSE"; echo
  echo
  echo "asn.tbasn: converted from $ASN_PKG@$aver, declared licence: $alic."
  echo "Trailbench converted its asn-ipv4.csv and asn-ipv6.csv into a compact binary range table"
  echo "(asn.tbasn) without changing any value; adjacent ranges of the same AS may be merged."
  echo "The package ships these notices:"
  for f in ROUTEVIEWS-LICENSE DBIP-LICENSE NRO_LICENSE MODIFICATIONS; do
    echo; echo "--- $f"; cat "$apkg/$f"; echo
  done
} > "$out/LICENSES-ipdata.txt"

ls -l "$out"
echo "country data $cver ($cdate), ASN data $aver ($adate). Review AmazonAsns against any 'review:' lines above,"
echo "run the enrichment tests (they pin a few well-known addresses) and update docs/ip-enrichment.md."
