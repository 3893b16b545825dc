import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** Which camera the tablet plays (null: none): set by a tap on the map, cleared by closing. */
export const cameraUi = createStore<{ open: string | null }>(() => ({ open: null }));

export function openCamera(id: string | null): void {
  cameraUi.setState({ open: id });
}

export function useOpenCamera(): string | null {
  return useStore(cameraUi, (s) => s.open);
}
