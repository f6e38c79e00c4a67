# A fake ICCMA solver that never answers in time.
sleep 30
printf 'YES\n'
