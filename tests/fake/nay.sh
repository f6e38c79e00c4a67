# A fake ICCMA solver that refutes everything, with no certificate: NO to DC, YES to DS,
# NO (no extension) to SE. Right on tests/data/certify/odd.af for stable semantics, wrong
# on even.af.
case "$2" in
  DC-*) printf 'NO\n' ;;
  DS-*) printf 'YES\n' ;;
  SE-*) printf 'NO\n' ;;
esac
