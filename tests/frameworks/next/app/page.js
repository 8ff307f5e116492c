import Calendar from "./calendar";

export default function Page() {
  return (
    <main>
      <h1>Subscribed calendar</h1>
      <Calendar />
    </main>
  );
}
