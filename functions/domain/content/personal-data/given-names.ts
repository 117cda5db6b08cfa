/**
 * Given names (and a few family names) common in Bandung and across Indonesia: Sundanese, Javanese, Muslim,
 * Christian and general Indonesian. Compiled for this project from general knowledge, lower case. Used to tell
 * a person's name from a capitalised place or word where the text gives no title or cue; many of these are
 * also ordinary words (budi, dewi, intan, putri), so the list wins over the dictionary.
 * Add names here when the screen misses one; keep one name per entry.
 */
const NAMES = `
aa abdul abdullah abas abi abdi acep ace ade adi adit aditya adam adang adhi adriana
agung agus agustina ahmad ai aisyah ajeng ajat aji akbar alfian ali alia alif amalia ambar ami amin amir anang
andi andika andre andri andrea anggi anggraeni anggun ani anisa annisa anita anjani anto antonius anwar ardi
arief arif arini ario arya asep asih astuti atang ati atik aulia ayu ayi azis aziz bagus bahrul bambang bayu
beni benny bintang bonifasius budi budiman cahya cahyadi cecep cep cici cucu cucun cahyo dadan dadang dadi
danu danang dani dara darman darsih david dea dede dedi dedy deden deni denny desi dewi dian diana dicky dimas
dina dini dino dita dodi dodo dody doni dudi dudung dwi dyah edi eddy edy eka ekawati elis elsa eman emi endah
endang eneng engkos engkus enok entin epi ernawati erna eti euis evi fajar fahmi farhan fathur fatimah fauzi
febri fikri fitri fitria fransiska gilang gita gunawan hadi hana hani hartono haryanto hasan hendra hendro
heni heri herlina herman heru hesti heti hidayat hilman ida iis ika ikhsan ilham imam iman imas indah indra
indri inggrid intan irfan irma irwan isna iwan iyan jajang jaja jaka janah joko johan jojo joni juju julia
jumadi juwita kania kartika karta karti kiki kurnia kurniawan lala lani lastri lela leni lestari
lia lilis lina lisna lukman lusi maman mamat mardiyah margaretha maria marlina maryam maryati maya maulana mega
melati meli mia mira mulyadi mulyani muhammad muhamad mohammad muhammed nabila nadia nana nandang nanang nani
nasrul neneng nenden nia nining nita novi nugraha nunung nur nurhayati nurul nursiah nyai odon oki oneng
opik otong pandu permana permatasari pratama priyanto putra putri puji rafi rahayu rahmat rahmawati raden
rama ramdan rani ratih ratna ratu reni retno ria rian rina rini risa riska rizal rizki rizky robert rohman
rosita rudi rudy rukmana ruslan sari sarah salim sari saputra sartika sawitri setiawan siti slamet sofyan sopandi
sri suci sudrajat sugiarto suherman suhendar sukma sulastri sumarni sunandar supriadi supriatna
suryani suryadi susanti susi sutisna sutrisno syahrul tatang taufik teguh tika tini titin tono toto tri
triana tuti ucu uci udin ujang ukar umar upi usep uus wahyu wahyuni wati wawan wening widi widya wijaya winda
windi wulan yadi yani yanti yaya yayah yayan yeni yogi yohanes yuli yulia yuliana yuni yusuf yuyun yudi
yuyu zainal zaenal zahra zulkifli dedeh eem aep engkin kokom odah onih popon titi yoyoh yati iyus ayat
oding oyo memet koswara karna sobari suganda warsih warsini paijo parman sukirman tukiman painem wagiman
sumarno giyanto sri ngatini ponirah kasmini yohana stefanus yosef petrus paulus markus lukas matius daniel
samuel natalia kristina agnes veronika elisabeth theresia yakobus simon timotius debora ester ruth rebecca
hana lidya michael gabriel christian stevanus yunus andreas hendrik santoso wibowo susanto purnomo
prasetyo kusuma hakim nasution siregar simanjuntak sihombing harahap lubis hutapea tambunan
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter((n) => n.length > 0));
