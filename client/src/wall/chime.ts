let context: AudioContext | null = null;

/**
 * Two short tones. Browsers play audio only after a user gesture unless told otherwise, so a
 * wall that wants the chime runs its browser with `--autoplay-policy=no-user-gesture-required`.
 */
export function chime(): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.4, start + i * 0.35 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.35 + 0.3);
      osc.connect(gain).connect(context.destination);
      osc.start(start + i * 0.35);
      osc.stop(start + i * 0.35 + 0.32);
    }
  } catch (err) {
    console.warn('wall: chime unavailable', (err as Error).message);
  }
}
