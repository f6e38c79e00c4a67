# A fake ICCMA solver with right answers for tests/data/bench/chain.af (1 -> 2 -> 3).
case "$2" in
  DC-*) printf 'YES\nw 1 3\n' ;;
  DS-*) printf 'YES\n' ;;
  SE-*) printf 'w 1 3\n' ;;
esac
