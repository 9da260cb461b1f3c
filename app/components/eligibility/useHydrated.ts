import { useEffect, useState } from "react";

let hydrated = false;

/**
 * False while the page is what the server sent (and always without JavaScript); true once React
 * runs in the browser. A component that mounts after hydration knows at once, with no flash.
 */
export function useHydrated() {
  const [isHydrated, setHydrated] = useState(hydrated);
  useEffect(() => {
    hydrated = true;
    setHydrated(true);
  }, []);
  return isHydrated;
}
