// A soft two-note chime synthesised with Web Audio, so no sound file ships with the extension.
const NOTES_HZ = [659.25, 880] as const;
const NOTE_GAP_S = 0.18;
const NOTE_LENGTH_S = 0.9;

let context: AudioContext | null = null;

export async function playChime(volume: number): Promise<void> {
  context ??= new AudioContext();
  if (context.state === 'suspended') await context.resume();
  const gainLevel = Math.min(1, Math.max(0, volume)) * 0.4;
  const start = context.currentTime + 0.02;
  NOTES_HZ.forEach((hz, i) => {
    const at = start + i * NOTE_GAP_S;
    const osc = context!.createOscillator();
    const gain = context!.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(gainLevel, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_LENGTH_S);
    osc.connect(gain).connect(context!.destination);
    osc.start(at);
    osc.stop(at + NOTE_LENGTH_S);
  });
}
