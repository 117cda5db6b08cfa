import { ComingSoon } from './coming-soon';

/** Kalender: built in the console's next step. */
export default function Kalender() {
  return <ComingSoon titleKey="screens.kalender.title" aboutKey="screens.kalender.about" />;
}
