import { SendForm } from "./send-form";

export default function Page() {
  return <SendForm />;
}
